// The stages a replay can re-run, built exactly as their services build them but writing to the
// sandbox: the classifier (field plan from the raw event schema, consent from PostgreSQL) and the
// passthrough (identity). Each names the schema of its outputs, registered under <sandbox>-value.
import type pg from 'pg';
import { loadSchemaCatalog } from '@cwp/avro';
import { createClassifier, createConsentReader, planFields } from '@cwp/classifier';
import { createPassthrough } from '@cwp/passthrough';
import type { Transform } from '@cwp/stream-runtime';
import type { ReplayTransformName } from './args.js';
import { UsageError } from './errors.js';
import { latestSchema } from './schema-registry.js';

/** A stage's transform pointed at the sandbox, with the schema its outputs are encoded with. */
export interface ReplayStage {
  readonly name: ReplayTransformName;
  /** Avro schema (JSON text) of the outputs. */
  readonly outputSchema: string;
  readonly transform: Transform<unknown>;
}

/** What building a stage may need. */
export interface StageContext {
  readonly sandbox: string;
  readonly sourceTopic: string;
  readonly registryUrl: string;
  /** PostgreSQL pool of the consent registry (classifier). */
  readonly pool: pg.Pool | null;
  readonly consentSchema: string;
  readonly minConfidence: number;
}

/** Builds the named stage for a replay into `ctx.sandbox`. */
export async function createReplayStage(name: ReplayTransformName, ctx: StageContext): Promise<ReplayStage> {
  const subject = `${ctx.sandbox}-value`;
  switch (name) {
    case 'classifier': {
      if (!ctx.pool) throw new UsageError('--transform classifier reads consent from PostgreSQL: set DATABASE_URL');
      const catalog = loadSchemaCatalog();
      const transform = createClassifier({
        plan: planFields(catalog.resolve('cwp.events.RawEvent')),
        consent: createConsentReader(ctx.pool, ctx.consentSchema),
        outputTopic: ctx.sandbox,
        minConfidence: ctx.minConfidence,
      }) as Transform<unknown>;
      return { name, outputSchema: JSON.stringify(catalog.resolve('cwp.events.ClassifiedEvent')), transform };
    }
    case 'passthrough':
      return { name, outputSchema: await latestSchema(ctx.registryUrl, `${ctx.sourceTopic}-value`), transform: createPassthrough(ctx.sandbox, subject) };
  }
}
