// What the route plugins share: built once by build(), passed as plugin options, never mutated.
import type pg from 'pg';
import type { Logger } from '@cwp/observability';
import type { AlertOutbox } from './alert-outbox.js';
import type { AlertProducer } from './alert-producer.js';
import type { BudgetsConfig } from './budgets-config.js';
import type { Caller, CredentialStore } from './credentials.js';
import type { LedgerStore } from './ledger-store.js';
import type { LedgerMetrics } from './metrics.js';

/** The ledger's collaborators. */
export interface LedgerContext {
  readonly pool: pg.Pool;
  readonly store: LedgerStore;
  readonly budgets: BudgetsConfig;
  readonly credentials: CredentialStore;
  readonly outbox: AlertOutbox;
  readonly producer: AlertProducer;
  readonly metrics: LedgerMetrics;
  readonly logger: Logger;
  readonly currentPeriod: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set by the authentication hook on every /v1 route. */
    caller: Caller | null;
  }
}
