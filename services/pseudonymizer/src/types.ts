// Decoded shapes: what the pseudonymizer reads (events.encrypted.v1) and writes (events.pseudonymized.v1,
// schemas/analytics/PseudonymizedEvent.avsc). Nullable fields are `T | null`, as avsc decodes them.
import type {
  ActivityType, CareStatus, CaretakerChangeReason, ClassifiedEvent, OperationType, PartnerType, PaymentChannel, Programme, Severity, Sex,
} from '@cwp/avro';

/** One events.encrypted.v1 value as avsc decodes it (protected fields are ciphertext Buffers the pseudonymizer never opens). */
export type EncryptedEventIn = Omit<ClassifiedEvent, 'payload'> & {
  readonly payload: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly encryptedAt: number;
  /** Releasable form of each free-text field by dot path; absent in records written before the field existed. */
  readonly redactedText?: Readonly<Record<string, string>>;
};

/** Why the subject may be analysed. */
export const LEGAL_BASES = ['CONSENT', 'LEGITIMATE_INTERESTS', 'ORGANISATION'] as const;
/** One of LEGAL_BASES. */
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** cwp.analytics.Generalisation */
export interface Generalisation {
  readonly dateOfBirth: 'age-band-5y' | null;
  readonly address: 'district' | 'province' | 'none';
  readonly dates: 'iso-week';
  readonly freeText: 'pii-placeholders' | 'none';
}

/** The analytics measures kept clear, all optional. */
export interface Measures {
  readonly severity: Severity | null;
  readonly operationType: OperationType | null;
  readonly occupancy: number | null;
  readonly capacity: number | null;
  readonly staffOnDuty: number | null;
  readonly careStatus: CareStatus | null;
  readonly programme: Programme | null;
  readonly paymentChannel: PaymentChannel | null;
  readonly amountIdr: number | null;
  readonly activityType: ActivityType | null;
  readonly hours: number | null;
  readonly partnerType: PartnerType | null;
  readonly recordType: string | null;
  readonly consecutiveMissed: number | null;
  readonly caretakerChangeReason: CaretakerChangeReason | null;
}

/** cwp.analytics.PseudonymizedEvent */
export interface PseudonymizedEvent extends Measures {
  readonly eventId: string;
  readonly eventType: string;
  readonly subjectType: string;
  readonly pseudonyms: Readonly<Record<string, string>>;
  readonly pseudonymEpoch: string;
  readonly consentPurposes: readonly string[];
  readonly legalBasis: LegalBasis;
  readonly occurredWeek: string;
  readonly occurredMonth: string;
  readonly ageBand: string | null;
  readonly sex: Sex | null;
  readonly district: string | null;
  readonly province: string | null;
  readonly generalisation: Generalisation;
  /** Released free text by field name (caseNotes, notes, …). */
  readonly freeText: Readonly<Record<string, string>>;
}
