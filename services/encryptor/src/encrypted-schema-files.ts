// The derived schemas of events.encrypted.v1 as files: schemas/encrypted/<Name>.avsc. They are
// derived from the raw schemas only (everything under schemas/ but encrypted/), so regenerating
// never depends on the previous output.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { JsonValue, SchemaCatalog } from '@cwp/avro';
import { DEFAULT_SCHEMA_DIR, createSchemaCatalog, deriveEncryptedSchemas } from '@cwp/avro';

/** Folder of the generated schemas. */
export const ENCRYPTED_SCHEMA_DIR = join(DEFAULT_SCHEMA_DIR, 'encrypted');

function avscFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return p === ENCRYPTED_SCHEMA_DIR ? [] : avscFiles(p);
    return e.name.endsWith('.avsc') ? [p] : [];
  });
}

/** A catalog of the hand-written schemas only (no subjects). */
export function rawSchemaCatalog(dir: string = DEFAULT_SCHEMA_DIR): SchemaCatalog {
  return createSchemaCatalog({ sources: avscFiles(dir).map((f) => ({ origin: relative(dir, f), schema: JSON.parse(readFileSync(f, 'utf8')) as JsonValue })) });
}

/** File name under schemas/encrypted/ and pretty JSON text of every derived record. */
export function encryptedSchemaFiles(catalog: SchemaCatalog = rawSchemaCatalog()): Array<{ path: string; text: string }> {
  return deriveEncryptedSchemas(catalog).map(({ fullName, schema }) => ({ path: `${fullName.slice(fullName.lastIndexOf('.') + 1)}.avsc`, text: `${JSON.stringify(schema, null, 2)}\n` }));
}
