// The consent registry as the classifier sees it: the subject's consent per purpose at a moment.
// The PostgreSQL implementation reads the registry the ingestion gateway writes (consent-reader.ts).
import type { ConsentState } from '@cwp/avro';

/** Reads a data subject's consent state; throws a retriable DependencyError when the store is down. */
export interface ConsentPort {
  current(subjectId: string, at: Date): Promise<readonly ConsentState[]>;
}
