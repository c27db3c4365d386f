import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '@cwp/errors';
import { ageBandOf, ageInYears, createPlaceGeneraliser, isoWeekOf, loadGeneralisationConfig, monthOf, parseGeneralisationConfig } from '../src/index.js';

const config = loadGeneralisationConfig();
const code = (c: string) => (err: unknown): boolean => err instanceof ValidationError && err.code === c;

test('ISO 8601 weeks, including the year boundaries where the week-year differs from the calendar year', () => {
  const cases: [string, string][] = [
    ['2026-11-26T12:00:00Z', '2026-W48'],
    ['2021-01-03T23:59:59Z', '2020-W53'], // Sunday of 2020's week 53
    ['2021-01-04T00:00:00Z', '2021-W01'],
    ['2024-12-30T00:00:00Z', '2025-W01'], // Monday belongs to 2025's first week
    ['2026-01-01T00:00:00Z', '2026-W01'], // Thursday
    ['2027-01-01T00:00:00Z', '2026-W53'], // Friday: 2026 has 53 weeks
    ['2025-01-06T00:00:00Z', '2025-W02'],
  ];
  for (const [iso, week] of cases) assert.equal(isoWeekOf(Date.parse(iso)), week, iso);
  assert.equal(monthOf(Date.parse('2026-11-30T23:59:59Z')), '2026-11');
  assert.equal(monthOf(Date.parse('2026-01-01T00:00:00Z')), '2026-01');
  assert.throws(() => isoWeekOf(Number.NaN), code('OCCURRED_AT_INVALID'));
});

test('age in completed years at event time, birthdays and leap days included', () => {
  const at = Date.parse('2026-03-01T00:00:00Z');
  assert.equal(ageInYears('2016-03-01', at), 10);
  assert.equal(ageInYears('2016-03-02', at), 9);
  assert.equal(ageInYears('2016-02-29', at), 10, 'a leap-day birthday has passed by 1 March');
  assert.equal(ageInYears('2016-02-29', Date.parse('2026-02-28T23:00:00Z')), 9);
  assert.equal(ageInYears('2026-03-01', at), 0);
  assert.throws(() => ageInYears('2026-03-02', at), code('DOB_AFTER_EVENT'));
  assert.throws(() => ageInYears('2015-02-29', at), code('DOB_INVALID'), 'not a calendar date');
  assert.throws(() => ageInYears('01/02/2015', at), code('DOB_INVALID'));
  assert.throws(() => ageInYears('1850-01-01', at), code('DOB_IMPLAUSIBLE'));
});

test('age bands from the declared hierarchy: 0-4, 5-9, 10-14, 15-17, 18+', () => {
  const at = Date.parse('2026-06-15T00:00:00Z');
  const bandAt = (age: number): string => ageBandOf(`${2026 - age}-06-15`, at, config);
  assert.deepEqual([0, 4, 5, 9, 10, 14, 15, 17, 18, 40].map(bandAt), ['0-4', '0-4', '5-9', '5-9', '10-14', '10-14', '15-17', '15-17', '18+', '18+']);
  assert.equal(ageBandOf('2021-06-16', at, config), '0-4', 'one day before the 5th birthday');
});

test('places: province canonicalised from the configured list, district kept only at district level and only when it is a place name', () => {
  const district = createPlaceGeneraliser(config);
  assert.deepEqual(district({ district: ' Bandung  Wetan ', province: 'jawa barat' }), { district: 'Bandung Wetan', province: 'Jawa Barat', level: 'district' });
  assert.deepEqual(district({ district: null, province: 'DKI Jakarta' }), { district: null, province: 'DKI Jakarta', level: 'province' });
  assert.throws(() => district({ district: 'X', province: null }), code('PROVINCE_MISSING'));
  assert.throws(() => district({ district: 'X', province: '  ' }), code('PROVINCE_MISSING'));
  assert.throws(() => district({ district: 'X', province: 'Atlantis' }), code('PROVINCE_UNKNOWN'));
  assert.throws(() => district({ district: 'Jl. Merdeka No. 12, RT 003/RW 005', province: 'Bali' }), code('DISTRICT_INVALID'));
  assert.throws(() => district({ district: 'Kec 40115', province: 'Bali' }), code('DISTRICT_INVALID'));
  const provinceOnly = createPlaceGeneraliser(parseGeneralisationConfig({ ...config, address: { ...config.address, level: 'province' } }));
  assert.deepEqual(provinceOnly({ district: 'Bandung Wetan', province: 'Jawa Barat' }), { district: null, province: 'Jawa Barat', level: 'province' });
});

test('the config is validated: bands must tile [0, ∞), levels are known, provinces unique; errors name every path', () => {
  const gap = { ...config, dateOfBirth: { level: 'age-band-5y', bands: [{ label: '0-4', minYears: 0, maxYears: 4 }, { label: '6-9', minYears: 6, maxYears: 9 }] } };
  assert.throws(() => parseGeneralisationConfig(gap), (err: unknown) => {
    const m = (err as Error).message;
    return (err as { code?: string }).code === 'CONFIG_INVALID' && m.includes('dateOfBirth.bands.1.minYears') && m.includes('open-ended');
  });
  const shape = { ...config, dates: { level: 'day' }, address: { level: 'village', provinces: config.address.provinces } };
  assert.throws(() => parseGeneralisationConfig(shape), (err: unknown) => (err as Error).message.includes('address.level') && (err as Error).message.includes('dates.level'));
  assert.throws(() => parseGeneralisationConfig({ ...config, address: { ...config.address, provinces: [{ code: '11', name: 'Aceh' }, { code: '12', name: ' ACEH' }] } }), /listed twice/);
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.address.provinces), 'frozen after validation');
  assert.throws(() => loadGeneralisationConfig('/nonexistent/generalisation.json'), /GENERALISATION_CONFIG_FILE/);
});
