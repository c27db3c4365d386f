// Per payload record: where its location is, its date of birth and sex (quasi-identifiers to
// generalise), and the analytics measures kept clear. Everything not named here is dropped: direct
// identifiers, every ciphertext (direct, sensitive and free-text fields arrive encrypted and this
// stage holds no keys), villages, regencies, postal codes, facility names and ids, exact dates.
// Only fields the encrypted schema leaves clear can be read; encrypted ones (e.g. IncidentReport
// category, HealthObservation observationType) are unavailable by design.
import { ValidationError } from '@cwp/errors';
import type { Sex } from '@cwp/avro';
import type { PlaceInput } from './generalise.js';
import type { Measures } from './types.js';

/** What one payload contributes before generalisation. */
export interface PayloadDimensions {
  /** The record's location; null when absent. */
  readonly place: PlaceInput | null;
  /** True when the payload record declares its location mandatory (schema non-null): absent → dead-letter. */
  readonly placeRequired: boolean;
  readonly dateOfBirth: string | null;
  readonly sex: Sex | null;
  readonly measures: Partial<Measures>;
}

type Body = Readonly<Record<string, unknown>>;

// Upper-case codes only (BIRTH_REGISTRATION): a free-form string in an untagged field is not trusted.
const CODE = /^[A-Z][A-Z0-9_]{1,47}$/;

function str(body: Body, name: string): string | null {
  const v = body[name];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new ValidationError('PAYLOAD_INVALID', `payload field ${name} is not a string`);
  return v;
}

function num(body: Body, name: string): number | null {
  const v = body[name];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError('PAYLOAD_INVALID', `payload field ${name} is not a number`);
  return v;
}

function sym<T extends string>(body: Body, name: string): T | null {
  return str(body, name) as T | null;
}

function placeOf(value: unknown): PlaceInput | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') throw new ValidationError('PAYLOAD_INVALID', 'a location is not a record');
  const b = value as Body;
  return { district: str(b, 'district'), province: str(b, 'province') };
}

const none = { place: null, placeRequired: false, dateOfBirth: null, sex: null } as const;

/** Extractors by payload record short name (the encrypted schema's record names). */
const EXTRACTORS: Readonly<Record<string, (b: Body) => PayloadDimensions>> = {
  ChildRecord: (b) => ({
    place: placeOf(b['address']), placeRequired: false, dateOfBirth: str(b, 'dateOfBirth'), sex: sym<Sex>(b, 'sex'),
    measures: { careStatus: sym(b, 'careStatus') },
  }),
  CareOperation: (b) => ({
    ...none, place: placeOf(b), placeRequired: true,
    measures: { operationType: sym(b, 'operationType'), occupancy: num(b, 'occupancy'), capacity: num(b, 'capacity'), staffOnDuty: num(b, 'staffOnDuty') },
  }),
  IncidentReport: (b) => ({ ...none, place: placeOf(b), placeRequired: true, measures: { severity: sym(b, 'severity') } }),
  HealthObservation: (b) => ({ ...none, measures: { severity: sym(b, 'severity') } }),
  MissedCheckIn: (b) => ({ ...none, measures: { consecutiveMissed: num(b, 'consecutiveMissed') } }),
  MissingChildReport: (b) => ({ ...none, place: placeOf(b['lastSeenLocation']), placeRequired: true, measures: {} }),
  CaretakerChange: (b) => ({ ...none, place: placeOf(b['newAddress']), measures: { caretakerChangeReason: sym(b, 'reason') } }),
  VolunteerActivity: (b) => ({ ...none, place: placeOf(b), placeRequired: true, measures: { activityType: sym(b, 'activityType'), hours: num(b, 'hours') } }),
  Donation: (b) => ({ ...none, measures: { programme: sym(b, 'programme'), paymentChannel: sym(b, 'channel'), amountIdr: num(b, 'amountIdr') } }),
  PartnerRecord: (b) => {
    const recordType = str(b, 'recordType');
    return { ...none, place: placeOf(b), placeRequired: true, measures: { partnerType: sym(b, 'partnerType'), recordType: recordType !== null && CODE.test(recordType) ? recordType : null } };
  },
};

/** Reads the dimensions of a wrapped payload ({"cwp.encrypted.<Record>": body}); throws UNKNOWN_PAYLOAD. */
export function payloadDimensions(payload: Readonly<Record<string, Body>>): PayloadDimensions {
  const entries = Object.entries(payload);
  const [name, body] = entries[0] ?? [];
  const extract = name === undefined ? undefined : EXTRACTORS[name.slice(name.lastIndexOf('.') + 1)];
  if (entries.length !== 1 || !extract || body === undefined) {
    throw new ValidationError('UNKNOWN_PAYLOAD', `payload branch ${JSON.stringify(String(name).slice(0, 60))} is not one the pseudonymizer knows`);
  }
  return extract(body);
}

/** Payload record short names the pseudonymizer handles. */
export const HANDLED_PAYLOADS: readonly string[] = Object.keys(EXTRACTORS);
