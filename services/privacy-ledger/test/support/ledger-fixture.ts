// Integration fixture of the privacy ledger (used by test/integration/privacy-ledger*.test.ts): a
// private PostgreSQL schema pair (ledger_it_<random> and its audit schema), a private alert topic
// with its subject registered, credentials made up for the run, and built apps over them (inject).
// Talks to the real local stack only; cleanup() removes everything it made.
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { SecurityAlert } from '@cwp/avro';
import { AUDIT_MIGRATIONS_DIR } from '@cwp/audit';
import { createPool, migrate } from '@cwp/db';
import { createLogger } from '@cwp/observability';
import type { Serde } from '@cwp/registry';
import type { BuildOptions, BudgetsConfig, LedgerConfig } from '../../src/index.js';
import { LEDGER_MIGRATIONS_DIR, build, hashToken, loadLedgerConfig, parseBudgets, parseCredentials } from '../../src/index.js';
import { createKafka, createTopics, deleteSubjects, deleteTopics, readTopic, registerSchema, serdeFor, uniqueName } from '../../../../test/integration/helpers/stream-fixtures.js';
import { stackEnv } from '../../../../test/support/stack.js';

/** A fixed clock in May 2031, so every test of a run uses the same period. */
export const FIXED_NOW = Date.parse('2031-05-15T12:00:00Z');
export const PERIOD = '2031-05';

/** Budgets of the integration tests: one dataset per scenario so scenarios never share a budget. */
export function testBudgets(): BudgetsConfig {
  const childDemo = (cap: string) => ({ category: 'child-demographics', caps: { government: cap } });
  return parseBudgets({
    period: 'month',
    defaultDeltaCap: '0.00001',
    categories: {
      'child-demographics': { epsilonPerRelease: '0.1' }, 'aggregate-outcomes': { epsilonPerRelease: '0.5' },
      research: { epsilonPerRelease: '1.0' }, 'public-statistics': { epsilonPerRelease: '2.0' },
    },
    datasets: {
      basic: childDemo('0.25'), release: childDemo('1.0'), 'concurrent-50': childDemo('1.0'), 'concurrent-100': childDemo('1.0'),
      alerts: childDemo('1.0'), restart: childDemo('0.2'), admin: childDemo('1.0'), audit: childDemo('1.0'),
      outcomes: { category: 'research', deltaCap: '0.000002', caps: { academia: '4.0' } },
    },
  }, 'test budgets');
}

/** Everything one test file uses. */
export interface LedgerFixture {
  readonly schema: string;
  readonly auditSchema: string;
  readonly topic: string;
  readonly pool: pg.Pool;
  readonly serde: Serde;
  readonly config: LedgerConfig;
  readonly app: FastifyInstance;
  /** Authorization header values. */
  readonly aggregator: string;
  readonly admin: string;
  /** Builds another app over the same schemas and topic (closed by cleanup). */
  buildApp(options?: Partial<BuildOptions>): Promise<FastifyInstance>;
  /** Every alert on the topic (decoded), once at least `atLeast` arrived and nothing new came for 1.5 s. */
  readAlerts(atLeast: number, timeoutMs?: number): Promise<{ key: string | null; value: SecurityAlert }[]>;
  cleanup(): Promise<void>;
}

/**
 * @cwp/db's migrate() uses node-pg-migrate's one global advisory lock in "fail" mode, so a
 * migration of any other schema running at the same moment (another test file, another service)
 * makes it throw "Another migration is already running". Retry that case only.
 */
async function migrateRetrying(options: { databaseUrl: string; dir: string; schema: string }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(options);
      return;
    } catch (err) {
      if (attempt >= 20 || !/Another migration is already running/.test((err as Error).message)) throw err;
      await sleep(250 + randomInt(500));
    }
  }
}

/** Sets up a private ledger. */
export async function createLedgerFixture(): Promise<LedgerFixture> {
  const { env, databaseUrl } = stackEnv();
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const schema = `ledger_it_${suffix}`;
  const auditSchema = `ledger_it_${suffix}_audit`;
  const topic = uniqueName('it.ledger.alerts');
  await migrateRetrying({ databaseUrl, dir: LEDGER_MIGRATIONS_DIR, schema });
  await migrateRetrying({ databaseUrl, dir: AUDIT_MIGRATIONS_DIR, schema: auditSchema });
  const kafka = createKafka('cwp-it-ledger');
  const admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic, partitions: 1 }]);
  await registerSchema('cwp.alerts.SecurityAlert', `${topic}-value`);

  const aggregatorToken = `it-agg-${randomBytes(24).toString('base64url')}`;
  const adminToken = `it-adm-${randomBytes(24).toString('base64url')}`;
  const credentials = parseCredentials({ credentials: [
    { name: 'aggregator-it', role: 'aggregator', tokenSha256: hashToken(aggregatorToken) },
    { name: 'admin-it', role: 'admin', tokenSha256: hashToken(adminToken) },
  ] });
  const config = loadLedgerConfig({
    ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', LEDGER_DB_SCHEMA: schema, AUDIT_SCHEMA: auditSchema, LEDGER_ALERT_TOPIC: topic,
    LEDGER_ALERT_RETRY_MS: '60000', LEDGER_CREDENTIALS_JSON: '{"credentials": []}', LEDGER_MIGRATE_ON_START: 'false',
  });
  const pool = createPool({ databaseUrl, applicationName: 'cwp-it-ledger', max: 12 });
  const serde = serdeFor();
  const budgets = testBudgets();
  const apps: FastifyInstance[] = [];
  const buildApp = async (options: Partial<BuildOptions> = {}): Promise<FastifyInstance> => {
    const app = await build({ config, budgets, credentials, clock: () => FIXED_NOW, logger: createLogger({ service: 'privacy-ledger-it', level: config.LOG_LEVEL }), ...options });
    apps.push(app);
    await app.ready();
    return app;
  };
  const app = await buildApp({ pool });

  return {
    schema, auditSchema, topic, pool, serde, config, app,
    aggregator: `Bearer ${aggregatorToken}`,
    admin: `Bearer ${adminToken}`,
    buildApp,
    async readAlerts(atLeast, timeoutMs = 20_000) {
      // Waits for `atLeast` records, then 1.5 s more in which a duplicate would show up.
      const records = await readTopic(kafka, topic, { timeoutMs, settleMs: 1500, until: (r) => r.length >= atLeast });
      return Promise.all(records.map(async (r) => ({ key: r.key?.toString() ?? null, value: (await serde.decode<SecurityAlert>(r.value!)).value })));
    },
    async cleanup() {
      for (const a of apps.reverse()) await a.close().catch(() => undefined);
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS "${auditSchema}" CASCADE`);
      await pool.end();
      await deleteTopics(admin, [topic]);
      await admin.disconnect();
      await deleteSubjects(`${topic}-value`);
    },
  };
}
