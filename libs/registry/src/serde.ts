// Avro serde over the schema registry's Confluent-compatible API. Writer schemas are fetched by id
// once and cached; encoding uses the subject's latest registered version, looked up once per subject.
import registryPkg from '@kafkajs/confluent-schema-registry';
import type { ForSchemaOptions, Type } from 'avsc';
import { DecodeError, DependencyError, ValidationError } from '@cwp/errors';
import type { GapCheck } from './strict-writer.js';
import { writerGapCheck } from './strict-writer.js';
import { encodeFramed, readFrame } from './wire-format.js';

const { SchemaRegistry, SchemaType } = registryPkg;

/** How a serde reaches the registry and builds avsc types. */
export interface SerdeOptions {
  /** Base URL of the Confluent-compatible API, e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
  readonly url: string;
  /** avsc options every type is built with (must match how the platform's TS types expect values). */
  readonly avroOptions?: Partial<ForSchemaOptions>;
}

/** A decoded record with the id of the schema it was written with. */
export interface Decoded<T = unknown> {
  readonly schemaId: number;
  readonly value: T;
}

/** Encodes and decodes Confluent wire-format Avro values. */
export interface Serde {
  /** Encodes `value` with the latest schema of `subject`; ValidationError names the bad paths. */
  encode(subject: string, value: unknown): Promise<Buffer>;
  /** Decodes a framed value; DecodeError for bad bytes or unknown ids, DependencyError when the registry is unreachable. */
  decode<T = unknown>(bytes: Buffer): Promise<Decoded<T>>;
  /** The id of the latest schema of `subject` (cached). */
  latestId(subject: string): Promise<number>;
  /**
   * The JSON of schema `id` exactly as registered (cached), custom properties included (avsc's own
   * export drops field properties such as "encrypted"): what a reader needs to plan a record the
   * way its writer did. DecodeError for an unknown id, DependencyError when the registry is down.
   */
  writerSchema(id: number): Promise<Readonly<Record<string, unknown>>>;
}

function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** Creates a serde bound to one registry. */
export function createSerde(options: SerdeOptions): Serde {
  const registry = new SchemaRegistry(
    { host: options.url, clientId: 'cwp', retry: { retries: 2, initialRetryTimeInSecs: 0.1, maxRetryTimeInSecs: 1 } },
    { [SchemaType.AVRO]: options.avroOptions ?? {} },
  );
  const latest = new Map<string, Promise<number>>();
  const types = new Map<number, Promise<Type>>();
  const schemas = new Map<number, Promise<Readonly<Record<string, unknown>>>>();
  const baseUrl = options.url.replace(/\/+$/, '');

  async function fetchSchema(id: number): Promise<Readonly<Record<string, unknown>>> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/schemas/ids/${id}`, { signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new DependencyError('REGISTRY_UNAVAILABLE', `schema registry did not return schema id ${id}`, { cause: err });
    }
    if (res.status === 404) throw new DecodeError('UNKNOWN_SCHEMA_ID', `schema id ${id} is not registered in the schema registry`);
    if (!res.ok) throw new DependencyError('REGISTRY_UNAVAILABLE', `schema registry answered ${res.status} for schema id ${id}`);
    const body = (await res.json()) as { schema?: unknown; references?: unknown };
    if (typeof body.schema !== 'string') throw new DependencyError('REGISTRY_UNAVAILABLE', `schema registry returned no schema text for id ${id}`);
    if (Array.isArray(body.references) && body.references.length > 0) throw new DecodeError('SCHEMA_REFERENCES_UNSUPPORTED', `schema id ${id} uses schema references, which this serde does not resolve`);
    const json = JSON.parse(body.schema) as unknown;
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new DecodeError('SCHEMA_NOT_RECORD', `schema id ${id} is not a record schema`);
    return json as Record<string, unknown>;
  }

  function writerSchema(id: number): Promise<Readonly<Record<string, unknown>>> {
    let p = schemas.get(id);
    if (!p) {
      p = fetchSchema(id).catch((err: unknown) => {
        schemas.delete(id);
        throw err;
      });
      schemas.set(id, p);
    }
    return p;
  }

  function typeOf(id: number): Promise<Type> {
    let t = types.get(id);
    if (!t) {
      t = registry.getSchema(id).then(
        (schema) => schema as unknown as Type,
        (err: unknown) => {
          types.delete(id);
          if (statusOf(err) === 404) throw new DecodeError('UNKNOWN_SCHEMA_ID', `schema id ${id} is not registered in the schema registry`, { cause: err });
          throw new DependencyError('REGISTRY_UNAVAILABLE', `schema registry did not return schema id ${id}`, { cause: err });
        },
      );
      types.set(id, t);
    }
    return t;
  }

  const gapChecks = new Map<number, GapCheck | null>();
  function gapCheckOf(id: number, type: Type): GapCheck | null {
    if (!gapChecks.has(id)) gapChecks.set(id, writerGapCheck(type));
    return gapChecks.get(id)!;
  }

  async function latestId(subject: string): Promise<number> {
    let p = latest.get(subject);
    if (!p) {
      p = registry.getLatestSchemaId(subject).catch((err: unknown) => {
        latest.delete(subject);
        if (statusOf(err) === 404) throw new ValidationError('UNKNOWN_SUBJECT', `subject ${subject} has no registered schema (run make up)`, { cause: err });
        throw new DependencyError('REGISTRY_UNAVAILABLE', `schema registry did not answer for subject ${subject}`, { cause: err });
      });
      latest.set(subject, p);
    }
    return p;
  }

  return {
    latestId,
    writerSchema,
    async encode(subject, value) {
      const id = await latestId(subject);
      const type = await typeOf(id);
      // avsc's writer checks every value it writes (type, range, union branch, enum symbol; its two
      // gaps checked first by writerGapCheck) and throws on a mismatch; only then does the
      // path-collecting check (slow in avsc) run, to name the failing fields. The writer's own error
      // is not kept: its message quotes the value. A root that is no record object never reaches
      // the writer (it would write an all-defaults record).
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && (gapCheckOf(id, type)?.(value) ?? true)) {
        try {
          return encodeFramed(id, type, value);
        } catch {
          // named below
        }
      }
      const paths: string[] = [];
      type.isValid(value, { errorHook: (path) => paths.push(path.join('.') || '(root)') });
      throw new ValidationError('SCHEMA_MISMATCH', `value does not match the schema of ${subject} at: ${paths.slice(0, 10).join(', ') || 'a field holding a non-record value or an unknown enum symbol'}`);
    },
    async decode<T>(bytes: Buffer) {
      const { schemaId, body } = readFrame(bytes);
      const type = await typeOf(schemaId);
      try {
        return { schemaId, value: type.fromBuffer(body) as T };
      } catch (err) {
        throw new DecodeError('AVRO_DECODE_FAILED', `value is not valid Avro for schema id ${schemaId}`, { cause: err });
      }
    },
  };
}
