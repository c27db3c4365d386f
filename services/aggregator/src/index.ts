// Public surface of @cwp/aggregator: the catalogue, the pure release computation and the stage transform.
import { fileURLToPath } from 'node:url';
export { STAKEHOLDERS, DIMENSIONS, MEASURES, DEFAULT_CATALOGUE_FILE, loadCatalogue, parseCatalogue } from './catalogue.js';
export type { Stakeholder, Dimension, Measure, QueryConfig, CatalogueQuery, Catalogue } from './catalogue.js';
export { isoWeekWindow, monthWindow, eventTimeOf } from './windows.js';
export type { Window } from './windows.js';
export { contributionsOf, pseudonymFor } from './contributions.js';
export type { AggregatorInput, Contribution } from './contributions.js';
export { computeRelease, contributionOrder, boundedValue } from './compute-release.js';
export type { Release, ReleaseInput, StoredContribution } from './compute-release.js';
export { reservationIdFor } from './reservation-id.js';
export { createAggregator, stakeholderTopic } from './transform.js';
export type { AggregatorDeps } from './transform.js';
export { createPgStore } from './store.js';
export type { AggregatorStore, PendingWindow, StoredRelease, Trigger } from './store.js';
export { createHttpLedger } from './ledger-client.js';
export type { LedgerPort, ReserveAnswer, HttpLedgerOptions } from './ledger-client.js';
/** Folder of the aggregator's SQL migrations (schema `aggregator` by default). */
export const AGGREGATOR_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
