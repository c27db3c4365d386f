// Builds avsc types with the one set of options every producer and consumer must share.
import avsc from 'avsc';
import type { ForSchemaOptions, Type } from 'avsc';
import type { JsonObject } from './schema-json.js';

/**
 * avsc options every serde in the platform builds types with (pass a copy: avsc writes into it).
 * wrapUnions 'auto' decodes ["null", T] as `T | null` and the RawEvent payload (ten record branches,
 * which avsc cannot tell apart by value) wrapped as {"<full record name>": record}. `false` ('never')
 * refuses that union outright; 'always' would also wrap every nullable field. The catalog refuses any
 * other kind of union, so these two shapes are the only ones that exist. Timestamps stay numbers.
 */
export const AVRO_OPTIONS: Readonly<Pick<ForSchemaOptions, 'wrapUnions'>> = Object.freeze({ wrapUnions: 'auto' });

/** avsc Type of a self-contained schema, built with AVRO_OPTIONS; the schema is copied, never mutated. */
export function createAvroType(resolved: JsonObject): Type {
  const schema = structuredClone(resolved) as Parameters<typeof avsc.Type.forSchema>[0];
  return avsc.Type.forSchema(schema, { ...AVRO_OPTIONS });
}
