// The catalog of named Avro types: resolution, avsc types, registry subjects and field tags.
import type { Type } from 'avsc';
import { createAvroType } from './avro-type.js';
import { SchemaError } from './errors.js';
import type { FieldTag } from './field-tags.js';
import { collectFieldTags } from './field-tags.js';
import type { NamedDefinition, SchemaSource } from './named-index.js';
import { indexDefinitions } from './named-index.js';
import { resolveSchema } from './resolve-schema.js';
import type { JsonObject } from './schema-json.js';
import { deepFreeze } from './schema-json.js';

/** Registry subject (TopicNameStrategy, '<topic>-value') → full name of its record. */
export type SubjectMap = Readonly<Record<string, string>>;

/** Every named type of the platform, indexed by full name. */
export interface SchemaCatalog {
  /** Full names of every named type (records and enums), sorted. */
  names(): readonly string[];
  /** True when `fullName` is defined. */
  has(fullName: string): boolean;
  /** Self-contained, deep-frozen schema of `fullName` with references inlined; what gets registered. */
  resolve(fullName: string): JsonObject;
  /** avsc Type of `fullName` built from resolve(), cached. */
  type(fullName: string): Type;
  /** Registry subject → full name, from subjects.json. */
  subjects(): SubjectMap;
  /** Tagged fields of `fullName`, flattened (see FieldTag). */
  fieldTags(fullName: string): readonly FieldTag[];
}

/** Options of createSchemaCatalog. */
export interface SchemaCatalogInput {
  readonly sources: readonly SchemaSource[];
  readonly subjects?: SubjectMap;
}

/** Catalog over in-memory schema sources; checks names, references and subjects eagerly and throws SchemaError. */
export function createSchemaCatalog(input: SchemaCatalogInput): SchemaCatalog {
  const index: ReadonlyMap<string, NamedDefinition> = indexDefinitions(input.sources);
  const resolved = new Map<string, JsonObject>();
  const types = new Map<string, Type>();
  const tags = new Map<string, readonly FieldTag[]>();
  const names = Object.freeze([...index.keys()].sort());

  const resolve = (fullName: string): JsonObject => {
    let schema = resolved.get(fullName);
    if (!schema) {
      schema = deepFreeze(resolveSchema(fullName, index));
      resolved.set(fullName, schema);
    }
    return schema;
  };

  // Resolve everything now so a broken reference fails at start-up, not on the first record.
  for (const name of names) resolve(name);

  const subjects: SubjectMap = Object.freeze({ ...(input.subjects ?? {}) });
  for (const [subject, fullName] of Object.entries(subjects)) {
    if (!index.has(fullName)) {
      throw new SchemaError('SUBJECTS_INVALID', `Subject ${subject} maps to ${fullName}, which no schema defines; fix subjects.json.`);
    }
  }

  return Object.freeze({
    names: () => names,
    has: (fullName: string) => index.has(fullName),
    resolve,
    type(fullName: string): Type {
      let type = types.get(fullName);
      if (!type) {
        const schema = resolve(fullName);
        try {
          type = createAvroType(schema);
        } catch (err) {
          throw new SchemaError('SCHEMA_INVALID', `avsc rejected ${fullName}: ${(err as Error).message}`, { cause: err });
        }
        types.set(fullName, type);
      }
      return type;
    },
    subjects: () => subjects,
    fieldTags(fullName: string): readonly FieldTag[] {
      let list = tags.get(fullName);
      if (!list) {
        list = Object.freeze(collectFieldTags(resolve(fullName)).map((tag) => Object.freeze({ ...tag, valuePath: Object.freeze([...tag.valuePath]) })));
        tags.set(fullName, list);
      }
      return list;
    },
  });
}
