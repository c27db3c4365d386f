// The JSON contract of POST /v1/events, generated at start-up from the Avro schemas (avroToZod):
// the envelope's fields come from cwp.events.RawEvent and each payload from the record its
// eventType names, so a schema change needs no edit here. The gateway adds only what the JSON form
// needs: an optional eventId (assigned when missing), eventType and subjectType narrowed to their
// documented vocabularies, and an unwrapped payload chosen by eventType.
import { z } from 'zod';
import type { AvroZodType, EventType, SchemaCatalog, SubjectType } from '@cwp/avro';
import { EVENT_TYPES, PAYLOAD_RECORD_NAMES, SUBJECT_TYPES, avroRecordToZod } from '@cwp/avro';
import type { ErrorDetail } from './errors.js';
import { GatewayError } from './errors.js';

/** One event as validated: Avro-encodable values, payload unwrapped, eventId possibly missing. */
export interface ValidatedEvent {
  readonly eventId?: string;
  readonly eventType: EventType;
  readonly occurredAt: number;
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Parses request bodies into validated events; throws GatewayError naming every bad path. */
export interface EventValidator {
  parse(body: unknown): { readonly events: readonly ValidatedEvent[]; readonly batch: boolean };
  /** How many events a body claims to hold (for rate limiting before validation); 1 for anything else. */
  countEvents(body: unknown): number;
}

/** Builds the validators once from the catalog. */
export function createEventValidator(catalog: SchemaCatalog, options: { readonly maxBatch: number }): EventValidator {
  const envelope = avroRecordToZod(catalog.resolve('cwp.events.RawEvent')).shape;
  const field = (name: string): AvroZodType => {
    const type = envelope[name];
    if (!type) throw new Error(`cwp.events.RawEvent has no field ${name}; the gateway's JSON contract needs it`);
    return type;
  };
  const base = {
    eventId: field('eventId').optional(),
    occurredAt: field('occurredAt'),
    subjectType: z.enum(SUBJECT_TYPES),
    subjectId: field('subjectId').refine((s) => typeof s === 'string' && s.length > 0 && s.length <= 256, 'must be 1 to 256 characters'),
  };
  const variants = EVENT_TYPES.map((eventType) =>
    z.strictObject({ ...base, eventType: z.literal(eventType), payload: avroRecordToZod(catalog.resolve(PAYLOAD_RECORD_NAMES[eventType])) }),
  );
  const event = z.discriminatedUnion('eventType', variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]]);

  function isObject(body: unknown): body is Record<string, unknown> {
    return typeof body === 'object' && body !== null && !Array.isArray(body);
  }

  return {
    countEvents(body) {
      return isObject(body) && Array.isArray(body['events']) ? Math.max(1, body['events'].length) : 1;
    },
    parse(body) {
      if (!isObject(body)) throw new GatewayError('BODY_INVALID');
      const batch = 'events' in body;
      let items: readonly unknown[];
      if (batch) {
        const extra = Object.keys(body).filter((k) => k !== 'events');
        const list = body['events'];
        const details: ErrorDetail[] = extra.map((k) => ({ path: k, code: 'unrecognized_key', message: 'Unknown field; a batch body holds only "events".' }));
        if (!Array.isArray(list)) details.push({ path: 'events', code: 'invalid_type', message: 'expected an array of events' });
        else if (list.length === 0) details.push({ path: 'events', code: 'too_small', message: 'expected at least one event' });
        if (details.length > 0) throw new GatewayError('VALIDATION_FAILED', { details });
        items = list as unknown[];
        if (items.length > options.maxBatch) throw new GatewayError('BATCH_TOO_LARGE', { message: `At most ${options.maxBatch} events per request; this one has ${items.length}. Split the batch.` });
      } else {
        items = [body];
      }
      const events: ValidatedEvent[] = [];
      const details: ErrorDetail[] = [];
      items.forEach((item, i) => {
        const result = event.safeParse(item);
        if (result.success) events.push(result.data as unknown as ValidatedEvent);
        else details.push(...toDetails(result.error.issues, batch ? ['events', i] : []));
      });
      if (details.length > 0) throw new GatewayError('VALIDATION_FAILED', { details });
      return { events, batch };
    },
  };
}

/** zod issues as path/code/message triples; unknown keys become one entry per key. Values never appear. */
export function toDetails(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): ErrorDetail[] {
  const join = (path: readonly PropertyKey[]): string => path.map(String).join('.') || '(root)';
  const out: ErrorDetail[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: join([...prefix, ...issue.path, key]), code: 'unrecognized_key', message: 'Unknown field; the schema does not define it.' });
    } else {
      out.push({ path: join([...prefix, ...issue.path]), code: issue.code, message: issue.message });
    }
  }
  return out;
}
