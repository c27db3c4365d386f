// TypeScript shapes of records as avsc decodes them with the catalog's options:
// nullable fields are `T | null` (never undefined), enums are string literals, timestamps are
// epoch-millisecond numbers, calendar dates ISO strings, and the RawEvent payload union is wrapped
// as {"<full record name>": record}. Decoded records are avsc Record instances, not plain objects.
import type { EventType, PayloadRecordName, SubjectType } from './event-types.js';

/** Epoch milliseconds (UTC), Avro long with logicalType timestamp-millis. */
export type TimestampMillis = number;

/** Calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;

/** cwp.common.Sex */
export type Sex = 'MALE' | 'FEMALE' | 'UNKNOWN';

/** cwp.common.Severity */
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** cwp.common.Address */
export interface Address {
  readonly street: string;
  readonly village: string | null;
  readonly district: string;
  readonly regency: string;
  readonly province: string;
  readonly postalCode: string | null;
}

/** cwp.common.ContactPerson */
export interface ContactPerson {
  readonly fullName: string;
  readonly relationship: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

/** cwp.child.CareStatus */
export type CareStatus = 'WITH_PARENTS' | 'KINSHIP_CARE' | 'FOSTER_CARE' | 'INSTITUTIONAL_CARE' | 'INDEPENDENT' | 'STREET_CONNECTED' | 'UNKNOWN';

/** cwp.child.Immunisation */
export interface Immunisation {
  readonly vaccine: string;
  readonly date: IsoDate | null;
}

/** cwp.child.MedicalProfile */
export interface MedicalProfile {
  readonly conditions: readonly string[];
  readonly allergies: readonly string[];
  readonly disability: string | null;
  readonly bloodType: string | null;
  readonly immunisations: readonly Immunisation[];
}

/** cwp.child.ChildRecord */
export interface ChildRecord {
  readonly childId: string;
  readonly nik: string | null;
  readonly fullName: string;
  readonly nickname: string | null;
  readonly dateOfBirth: IsoDate | null;
  readonly dateOfBirthEstimated: boolean;
  readonly sex: Sex;
  readonly placeOfBirth: string | null;
  readonly address: Address | null;
  readonly guardian: ContactPerson | null;
  readonly careStatus: CareStatus;
  readonly facilityId: string | null;
  readonly caseworkerId: string | null;
  readonly medical: MedicalProfile;
  readonly caseNotes: string | null;
}

/** cwp.care.OperationType */
export type OperationType = 'ADMISSION' | 'DISCHARGE' | 'TRANSFER' | 'HEADCOUNT' | 'STAFFING' | 'INSPECTION' | 'UNKNOWN';

/** cwp.care.CareOperation */
export interface CareOperation {
  readonly facilityId: string;
  readonly facilityName: string;
  readonly district: string;
  readonly province: string;
  readonly operationType: OperationType;
  readonly childId: string | null;
  readonly occupancy: number;
  readonly capacity: number;
  readonly staffOnDuty: number | null;
  readonly notes: string | null;
}

/** cwp.risk.IncidentCategory */
export type IncidentCategory =
  | 'PHYSICAL_ABUSE'
  | 'SEXUAL_ABUSE'
  | 'EMOTIONAL_ABUSE'
  | 'NEGLECT'
  | 'EXPLOITATION'
  | 'CHILD_LABOUR'
  | 'CHILD_MARRIAGE'
  | 'TRAFFICKING'
  | 'BULLYING'
  | 'DOMESTIC_VIOLENCE'
  | 'OTHER';

/** cwp.risk.IncidentReport */
export interface IncidentReport {
  readonly childId: string;
  readonly severity: Severity;
  readonly category: IncidentCategory;
  readonly district: string;
  readonly province: string;
  readonly reporter: ContactPerson | null;
  readonly description: string;
}

/** cwp.risk.ObservationType */
export type ObservationType = 'MALNUTRITION' | 'STUNTING' | 'UNTREATED_ILLNESS' | 'INJURY' | 'MENTAL_HEALTH' | 'ROUTINE_CHECK' | 'OTHER';

/** cwp.risk.HealthObservation */
export interface HealthObservation {
  readonly childId: string;
  readonly observationType: ObservationType;
  readonly severity: Severity;
  readonly weightKg: number | null;
  readonly heightCm: number | null;
  readonly notes: string | null;
  readonly observer: ContactPerson | null;
}

/** cwp.risk.MissedCheckIn */
export interface MissedCheckIn {
  readonly childId: string;
  readonly scheduledAt: TimestampMillis;
  readonly caseworkerId: string;
  readonly consecutiveMissed: number;
  readonly notes: string | null;
}

/** cwp.risk.MissingChildReport */
export interface MissingChildReport {
  readonly childId: string;
  readonly lastSeenAt: TimestampMillis;
  readonly lastSeenLocation: Address;
  readonly reporter: ContactPerson | null;
  readonly description: string;
}

/** cwp.risk.CaretakerChangeReason */
export type CaretakerChangeReason =
  | 'PARENT_DECEASED'
  | 'PARENT_MIGRANT_WORKER'
  | 'DIVORCE'
  | 'ABANDONMENT'
  | 'COURT_ORDER'
  | 'FOSTER_PLACEMENT'
  | 'FAMILY_REUNIFICATION'
  | 'ECONOMIC_HARDSHIP'
  | 'OTHER';

/** cwp.risk.CaretakerChange */
export interface CaretakerChange {
  readonly childId: string;
  readonly previousCaretaker: ContactPerson | null;
  readonly newCaretaker: ContactPerson;
  readonly reason: CaretakerChangeReason;
  readonly newAddress: Address | null;
  readonly effectiveDate: IsoDate | null;
  readonly notes: string | null;
}

/** cwp.volunteer.ActivityType */
export type ActivityType =
  | 'TEACHING'
  | 'MENTORING'
  | 'HEALTH_SUPPORT'
  | 'FOOD_DISTRIBUTION'
  | 'PLAY_AND_RECREATION'
  | 'COUNSELLING'
  | 'FACILITY_MAINTENANCE'
  | 'ADMINISTRATION'
  | 'OTHER';

/** cwp.volunteer.VolunteerActivity */
export interface VolunteerActivity {
  readonly volunteerId: string;
  readonly fullName: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly facilityId: string | null;
  readonly district: string;
  readonly province: string;
  readonly activityType: ActivityType;
  readonly hours: number;
  readonly notes: string | null;
}

/** cwp.donation.Programme */
export type Programme = 'GENERAL' | 'EDUCATION' | 'NUTRITION' | 'HEALTH' | 'SHELTER' | 'EMERGENCY_RELIEF' | 'SCHOLARSHIP';

/** cwp.donation.PaymentChannel */
export type PaymentChannel = 'BANK_TRANSFER' | 'VIRTUAL_ACCOUNT' | 'QRIS' | 'E_WALLET' | 'CREDIT_CARD' | 'CASH' | 'OTHER';

/** cwp.donation.Donation */
export interface Donation {
  readonly donorId: string;
  readonly donorName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly amountIdr: number;
  readonly programme: Programme;
  readonly channel: PaymentChannel;
  readonly anonymous: boolean;
  readonly message: string | null;
}

/** cwp.partner.PartnerType */
export type PartnerType = 'GOVERNMENT' | 'NGO' | 'HOSPITAL' | 'SCHOOL' | 'POLICE' | 'OTHER';

/** cwp.partner.PartnerRecord */
export interface PartnerRecord {
  readonly partnerId: string;
  readonly partnerType: PartnerType;
  readonly recordType: string;
  readonly referenceNumber: string;
  readonly childId: string | null;
  readonly nik: string | null;
  readonly district: string;
  readonly province: string;
  readonly summary: string;
}

/** Payload record type for each eventType. */
export interface PayloadByEventType {
  readonly CHILD_RECORD: ChildRecord;
  readonly CARE_OPERATION: CareOperation;
  readonly INCIDENT_REPORT: IncidentReport;
  readonly HEALTH_OBSERVATION: HealthObservation;
  readonly MISSED_CHECK_IN: MissedCheckIn;
  readonly MISSING_CHILD_REPORT: MissingChildReport;
  readonly CARETAKER_CHANGE: CaretakerChange;
  readonly VOLUNTEER_ACTIVITY: VolunteerActivity;
  readonly DONATION: Donation;
  readonly PARTNER_RECORD: PartnerRecord;
}

/** Any payload record. */
export type Payload = PayloadByEventType[EventType];

/** The payload union as avsc decodes it: a single key, the record's full Avro name. */
export type WrappedPayload<T extends EventType> = { readonly [K in PayloadRecordName<T>]: PayloadByEventType[T] };

/** cwp.events.RawEvent whose eventType is T. */
export interface RawEventOf<T extends EventType> {
  readonly eventId: string;
  readonly eventType: T;
  readonly sourceSystem: string;
  readonly occurredAt: TimestampMillis;
  readonly receivedAt: TimestampMillis | null;
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly payload: WrappedPayload<T>;
}

/** cwp.events.RawEvent, discriminated by eventType. On the wire eventType/subjectType are plain strings: check with isEventType. */
export type RawEvent = { [T in EventType]: RawEventOf<T> }[EventType];

/** cwp.events.SensitivityLevel, lowest to highest. */
export type SensitivityLevel = 'PUBLIC' | 'INTERNAL' | 'CONFIDENTIAL' | 'RESTRICTED';

/** cwp.events.FieldSensitivity */
export interface FieldSensitivity {
  readonly path: string;
  readonly level: SensitivityLevel;
  readonly pii: string | null;
}

/** cwp.events.PiiFinding: where personal data sits in a free-text field (never the text). */
export interface PiiFinding {
  readonly field: string;
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly detector: string;
}

/** cwp.events.ConsentState */
export interface ConsentState {
  readonly purpose: string;
  readonly granted: boolean;
  readonly expiresAt: TimestampMillis | null;
}

/** What the classifier adds to a raw event. */
export interface Classification {
  readonly classifiedAt: TimestampMillis;
  readonly overallSensitivity: SensitivityLevel;
  readonly fieldSensitivity: readonly FieldSensitivity[];
  readonly piiFindings: readonly PiiFinding[];
  readonly consentRequired: boolean;
  readonly consent: readonly ConsentState[];
}

/** cwp.events.ClassifiedEvent whose eventType is T. */
export type ClassifiedEventOf<T extends EventType> = RawEventOf<T> & Classification;

/** cwp.events.ClassifiedEvent (events.classified.v1), discriminated by eventType. */
export type ClassifiedEvent = { [T in EventType]: ClassifiedEventOf<T> }[EventType];

/** cwp.alerts.ChildSafetySeverity */
export type ChildSafetySeverity = 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** cwp.alerts.AlertStatus */
export type AlertStatus = 'OPEN' | 'ESCALATED';

/** cwp.alerts.RiskSignal */
export interface RiskSignal {
  readonly signalType: string;
  readonly eventId: string;
  readonly weight: number;
  readonly contribution: number;
  readonly occurredAt: TimestampMillis;
}

/** cwp.alerts.ChildSafetyAlert */
export interface ChildSafetyAlert {
  readonly alertId: string;
  readonly childPseudonym: string;
  readonly identityEnvelope: string;
  readonly condition: string;
  readonly severity: ChildSafetySeverity;
  readonly status: AlertStatus;
  readonly score: number;
  readonly threshold: number;
  readonly signals: readonly RiskSignal[];
  readonly legalBasis: 'VITAL_INTEREST';
  readonly triggeringEventId: string;
  readonly ruleSetVersion: string;
  readonly createdAt: TimestampMillis;
}

/** cwp.alerts.SecurityAlertCategory */
export type SecurityAlertCategory =
  | 'AUTHENTICATION_FAILURE'
  | 'RATE_LIMIT_ABUSE'
  | 'AUTHORIZATION_FAILURE'
  | 'BUDGET_THRESHOLD'
  | 'DLQ_SPIKE'
  | 'AUDIT_CHAIN_BREAK'
  | 'BREAK_GLASS'
  | 'BULK_DECRYPTION'
  | 'OTHER';

/** cwp.alerts.SecurityAlert */
export interface SecurityAlert {
  readonly alertId: string;
  readonly category: SecurityAlertCategory;
  readonly severity: Severity;
  readonly service: string;
  readonly principal: string | null;
  readonly description: string;
  readonly occurredAt: TimestampMillis;
  readonly attributes: Readonly<Record<string, string>>;
}
