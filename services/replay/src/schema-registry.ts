// The two registry calls the serde does not make: register a schema under a subject (the
// sandbox's output subject) and read a subject's latest schema (the source's, for passthrough).
import { DependencyError, ValidationError } from '@cwp/errors';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** Registers `schema` (Avro JSON text) under `subject`; returns its id (idempotent for the same schema). */
export async function registerSubject(url: string, subject: string, schema: string): Promise<number> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/$/, '')}/subjects/${encodeURIComponent(subject)}/versions`, { method: 'POST', headers: { 'content-type': CONTENT_TYPE }, body: JSON.stringify({ schema }) });
  } catch (err) {
    throw new DependencyError('REGISTRY_UNAVAILABLE', `schema registry did not answer registering ${subject}`, { cause: err });
  }
  if (res.status === 409 || res.status === 422) throw new ValidationError('SCHEMA_INCOMPATIBLE', `subject ${subject} already holds an incompatible schema: choose a new sandbox name`);
  if (!res.ok) throw new DependencyError('REGISTRY_FAILED', `schema registry answered ${res.status} registering ${subject}`);
  return ((await res.json()) as { id: number }).id;
}

/** The latest schema (Avro JSON text) registered under `subject`. */
export async function latestSchema(url: string, subject: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/$/, '')}/subjects/${encodeURIComponent(subject)}/versions/latest`, { headers: { accept: CONTENT_TYPE } });
  } catch (err) {
    throw new DependencyError('REGISTRY_UNAVAILABLE', `schema registry did not answer for ${subject}`, { cause: err });
  }
  if (res.status === 404) throw new ValidationError('UNKNOWN_SUBJECT', `subject ${subject} has no registered schema`);
  if (!res.ok) throw new DependencyError('REGISTRY_FAILED', `schema registry answered ${res.status} for ${subject}`);
  return ((await res.json()) as { schema: string }).schema;
}
