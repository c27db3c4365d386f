// PARTNER_RECORD: records from Dukcapil, Dinas Sosial, hospitals, schools, police and NGOs.
import type { PartnerType } from '@cwp/avro';
import { partnerSummary } from '../notes.js';
import type { BuildContext, Built } from './context.js';
import { pickChild } from './context.js';

const RECORD_TYPES: Readonly<Record<PartnerType, readonly string[]>> = {
  GOVERNMENT: ['BIRTH_REGISTRATION', 'FAMILY_CARD_UPDATE', 'SOCIAL_ASSISTANCE'],
  HOSPITAL: ['HOSPITAL_ADMISSION', 'OUTPATIENT_VISIT'],
  SCHOOL: ['SCHOOL_ENROLMENT', 'SCHOOL_DROPOUT'],
  POLICE: ['POLICE_REPORT'],
  NGO: ['REFERRAL'],
  OTHER: ['REFERRAL'],
};

const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** A PartnerRecord from a pooled partner, usually matched to a pooled child. */
export function buildPartnerRecord(ctx: BuildContext): Built<'PARTNER_RECORD'> {
  const { rng, world, at, planter } = ctx;
  const partner = rng.pick(world.partners);
  const recordType = rng.pick(RECORD_TYPES[partner.type]);
  const child = pickChild(ctx, 'risk');
  const matched = rng.chance(0.85);
  const date = new Date(at);
  const year = date.getUTCFullYear();
  const referenceNumber: Record<PartnerType, () => string> = {
    GOVERNMENT: () => `${rng.pick(['474.1', '470', '460'])}/${rng.int(100, 9999)}/${partner.name.startsWith('Dinas') ? 'DINSOS' : 'DISDUKCAPIL'}/${year}`,
    HOSPITAL: () => `RM-${rng.digits(8)}`,
    SCHOOL: () => `${rng.int(1, 999)}/SD/${ROMAN_MONTHS[date.getUTCMonth()] ?? 'I'}/${year}`,
    POLICE: () => `LP/B/${rng.int(1, 999)}/${ROMAN_MONTHS[date.getUTCMonth()] ?? 'I'}/${year}/SPKT`,
    NGO: () => `REF-${year}-${rng.digits(5)}`,
    OTHER: () => `REF-${year}-${rng.digits(5)}`,
  };
  return {
    subjectType: matched ? 'CHILD' : 'PARTNER',
    subjectId: matched ? child.id : partner.id,
    sourceSystem: `partner-api:${partner.id}`,
    payload: {
      partnerId: partner.id,
      partnerType: partner.type,
      recordType,
      referenceNumber: referenceNumber[partner.type](),
      childId: matched ? child.id : null,
      nik: child.nik && rng.chance(0.7) ? planter.plant('nik', child.nik) : null,
      district: child.locality.district.name,
      province: child.locality.province.name,
      summary: partnerSummary(ctx.note, recordType, child, child.guardian),
    },
  };
}
