// The encryptor's transform: events.classified.v1 → events.encrypted.v1. Every direct, sensitive
// and free-text field (per the derived schema's "encrypted" marks) is sealed with AES-256-GCM under
// the event subject's current DEK, all of a record's fields in one GCM call; the AAD binds the event
// id, every field path with its length, and the registry id of the output schema. Pure but for the injected key store, which throws SubjectShreddedError for a
// tombstoned subject (dead-lettered, never silently given a new key) and DependencyError when
// PostgreSQL or the KMS is down (the batch is retried, never dead-lettered).
import type { ClassifiedEvent } from '@cwp/avro';
import type { DataKey, KeyStorePort, RecordSealer } from '@cwp/crypto';
import { createRecordSealer } from '@cwp/crypto';
import type { ReleaseSpan } from '@cwp/pii';
import { releaseText } from '@cwp/pii';
import { ValidationError } from '@cwp/errors';
import type { Output, StageRecord, Transform } from '@cwp/stream-runtime';
import type { EncryptionPlan, FieldVisitor } from './encryption-plan.js';
import { compilePlannedFields, payloadBranch } from './encryption-plan.js';
import type { EncryptedEvent } from './types.js';

/** What the encryptor needs. */
export interface EncryptorDeps {
  readonly plan: EncryptionPlan;
  readonly keys: KeyStorePort;
  /** Registry id of the events.encrypted.v1 schema the runtime frames outputs with (the AAD's schema id). */
  readonly schemaId: number;
  readonly outputTopic: string;
  readonly clock?: () => Date;
}

/** What sealing one record carries through the compiled walk (no per-record closures). */
interface SealContext {
  readonly event: ClassifiedEvent;
  readonly sealer: RecordSealer;
  readonly redactedText: Record<string, string>;
}

/** One planned field: its JSON into the record's sealer (its slot comes back, filled by seal()); a free text also gets its releasable form. */
const sealField: FieldVisitor<SealContext> = (ctx, path, value, freeText) => {
  if (freeText && typeof value === 'string') ctx.redactedText[path] = releaseText(value, findingsIn(ctx.event, path, value));
  return ctx.sealer.add(path, JSON.stringify(value));
};

type SealWalk = (record: Readonly<Record<string, unknown>>, ctx: SealContext) => Record<string, unknown>;
interface CompiledPlan {
  readonly envelope: SealWalk;
  /** By the branch's raw full name. */
  readonly branches: ReadonlyMap<string, SealWalk>;
}
const compiledPlans = new WeakMap<EncryptionPlan, CompiledPlan>();

/** The plan's walks with every field path built once (compilePlannedFields), kept per plan. */
function compiledFor(plan: EncryptionPlan): CompiledPlan {
  let c = compiledPlans.get(plan);
  if (!c) {
    const branches = new Map([...plan.byRawName].map(([raw, branch]) => [raw, compilePlannedFields(branch.plan, `payload.${branch.shortName}`, sealField)] as const));
    compiledPlans.set(plan, (c = { envelope: compilePlannedFields(plan.envelope, '', sealField), branches }));
  }
  return c;
}

/**
 * Seals every planned field of `event` under `dek`; synchronous. One GCM invocation for the whole
 * record (format version 2, @cwp/crypto record-envelope.ts), the fields in the plan's order.
 */
export function sealEvent(event: ClassifiedEvent, dek: DataKey, plan: EncryptionPlan, schemaId: number, encryptedAt: number): EncryptedEvent {
  const { branch, body } = payloadBranch(event.payload, plan.byRawName);
  const compiled = compiledFor(plan);
  const walk = compiled.branches.get(branch.rawName)!;
  // One pass: each planned field gets its slot at once (sized from its JSON), filled by seal().
  const ctx: SealContext = { event, sealer: createRecordSealer(dek, { eventId: event.eventId, schemaId }), redactedText: {} };
  const envelope = compiled.envelope(event as unknown as Record<string, unknown>, ctx);
  const payload = walk(body, ctx);
  ctx.sealer.seal();
  envelope['payload'] = { [branch.encryptedName]: payload };
  envelope['encryptedAt'] = encryptedAt;
  envelope['redactedText'] = ctx.redactedText;
  return envelope as unknown as EncryptedEvent;
}

/** The classifier's PII spans in `text`, the free-text field at `path`; a span outside it is a ValidationError (dead-lettered): findings and text disagree. */
function findingsIn(event: ClassifiedEvent, path: string, text: string): ReleaseSpan[] {
  const spans = event.piiFindings.filter((f) => f.field === path);
  for (const f of spans) {
    if (!(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.start < f.end && f.end <= text.length)) throw new ValidationError('PII_FINDING_OUT_OF_RANGE', `a PII finding of ${path} lies outside the field's text: findings and text disagree`);
  }
  return spans;
}

/** Encrypts one classified event under its subject's current DEK. */
export async function encryptEvent(event: ClassifiedEvent, deps: EncryptorDeps): Promise<EncryptedEvent> {
  if (typeof event.subjectId !== 'string' || event.subjectId.trim() === '') throw new ValidationError('MISSING_SUBJECT_ID', 'subjectId is empty: no key can be chosen');
  if (typeof event.eventId !== 'string' || event.eventId === '') throw new ValidationError('MISSING_EVENT_ID', 'eventId is empty: the ciphertexts could not be bound to the event');
  const dek = await deps.keys.currentDek(event.subjectId);
  return sealEvent(event, dek, deps.plan, deps.schemaId, (deps.clock ?? (() => new Date()))().getTime());
}

/** The stage transform: one encrypted record per classified event, keyed by the subject id. */
export function createEncryptor(deps: EncryptorDeps): Transform<ClassifiedEvent> {
  return async (record: StageRecord<ClassifiedEvent>): Promise<Output[]> => {
    const encrypted = await encryptEvent(record.value, deps);
    return [{ topic: deps.outputTopic, key: encrypted.subjectId, value: encrypted, headers: record.headers }];
  };
}

/**
 * The encryptor's runtime defaults (any can be overridden in the environment): a batch's subjects
 * are sealed concurrently, so a DEK creation (a PostgreSQL transaction on a subject's first event)
 * or a cache miss no longer holds up the partition's other records; one subject's records keep
 * their order (the Kafka key is the subject). Measured: test/bench/encryptor.ts.
 */
export const ENCRYPTOR_RUNTIME_DEFAULTS: Readonly<Record<string, string>> = { RECORD_CONCURRENCY: '16' };
