// The replay command: parse, configure, authorise (refusals audited), plan, audit the intent,
// replay, audit the outcome, print a JSON summary on stdout. Exit codes in one place:
// 0 done, 1 failed, 2 usage or configuration, 3 not authorised.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createKafkaClient, kafkaSecurityOf } from '@cwp/stream-runtime';
import type { Admin } from 'kafkajs';
import type pg from 'pg';
import { z } from 'zod';
import { createAuditLog, createCheckpointSigner } from '@cwp/audit';
import type { AuditLog } from '@cwp/audit';
import { AVRO_OPTIONS } from '@cwp/avro';
import { brokerList, kafkaSecurityEnv, loadConfig } from '@cwp/config';
import { createPool } from '@cwp/db';
import { AuthorizationError, ConfigError } from '@cwp/errors';
import { createSerde } from '@cwp/registry';
import type { ReplayRequest } from './args.js';
import { USAGE, parseReplayArgs } from './args.js';
import { replayAuditEntry } from './audit-entry.js';
import { authorise } from './authorise.js';
import { UsageError } from './errors.js';
import { planReplay, runReplay } from './replay.js';
import { createReplayStage } from './stages.js';

/** Exit codes of the replay command. */
export const EXIT = Object.freeze({ done: 0, failed: 1, usage: 2, unauthorised: 3 } as const);

/** Where the command writes; process streams by default. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTty: boolean;
}

const defaultIo: CommandIo = {
  stdout: (t) => { process.stdout.write(t); },
  stderr: (t) => { process.stderr.write(t); },
  stderrIsTty: process.stderr.isTTY === true,
};

const env = {
  KAFKA_BROKERS: brokerList.describe('Kafka bootstrap servers, host:port[,host:port]'),
  ...kafkaSecurityEnv,
  SCHEMA_REGISTRY_URL: z.url().optional().describe('Confluent-compatible schema registry base URL (required with --transform)'),
  DATABASE_URL: z.string().min(1).describe('PostgreSQL URL of the audit store (and, with --transform classifier, the consent registry)'),
  AUDIT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('audit').describe('PostgreSQL schema of the audit tables'),
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional().describe('Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints'),
  CONSENT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('gateway').describe('PostgreSQL schema of the consent registry (--transform classifier)'),
  PII_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5).describe('classifier: findings below this confidence are dropped'),
};

function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError || err instanceof ConfigError) return EXIT.usage;
  if (err instanceof AuthorizationError) return EXIT.unauthorised;
  return EXIT.failed;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Runs the replay command; resolves with the exit code, never throws. */
export async function replayCommand(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env, io: CommandIo = defaultIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { io.stdout(`${USAGE}\n`); return EXIT.done; }
  let request: ReplayRequest;
  let config: ReturnType<typeof loadConfig<typeof env>>;
  try {
    request = parseReplayArgs(argv, environment);
    config = loadConfig(env, environment);
    if (request.transform && !config.SCHEMA_REGISTRY_URL) throw new ConfigError('SCHEMA_REGISTRY_URL is required with --transform');
  } catch (err) {
    io.stderr(`replay: ${messageOf(err)}\n${exitCodeOf(err) === EXIT.usage ? `${USAGE}\n` : ''}`);
    return exitCodeOf(err);
  }
  let pool: pg.Pool | undefined;
  let admin: Admin | undefined;
  try {
    pool = createPool({ databaseUrl: config.DATABASE_URL, applicationName: 'cwp-replay', max: 2 });
    const signer = config.AUDIT_SIGNING_KEY_FILE ? createCheckpointSigner(readFileSync(config.AUDIT_SIGNING_KEY_FILE, 'utf8')) : undefined;
    const audit: AuditLog = createAuditLog({ pool, schema: config.AUDIT_SCHEMA, ...(signer ? { signer } : {}) });

    let role: string;
    const actor = request.actor ?? `(unnamed, os user ${userInfo().username})`;
    try {
      role = authorise(request.role, request.actor);
    } catch (err) {
      await audit.append(replayAuditEntry(request, { phase: 'refused', outcome: 'DENIED', role: request.role ?? '(none)', actor, error: messageOf(err) }));
      throw err;
    }

    const kafka = createKafkaClient({ clientId: 'cwp-replay', brokers: config.KAFKA_BROKERS, security: kafkaSecurityOf(config), retries: 5 });
    admin = kafka.admin();
    await admin.connect();
    const plan = await planReplay(admin, request);
    const stage = request.transform && request.destination?.kind === 'topic' && !request.dryRun
      ? {
        stage: await createReplayStage(request.transform, {
          sandbox: request.destination.topic, sourceTopic: request.topic, registryUrl: config.SCHEMA_REGISTRY_URL!, pool,
          consentSchema: config.CONSENT_SCHEMA, minConfidence: config.PII_MIN_CONFIDENCE,
        }),
        serde: createSerde({ url: config.SCHEMA_REGISTRY_URL!, avroOptions: AVRO_OPTIONS }),
        registryUrl: config.SCHEMA_REGISTRY_URL!,
      }
      : null;

    // No audit record, no replay: the intent is written before the first record is read.
    await audit.append(replayAuditEntry(request, { phase: 'intent', outcome: 'SUCCESS', role, actor, ranges: plan.ranges }));
    let result;
    try {
      result = await runReplay(plan, request, { kafka, admin, stage, progress: { write: io.stderr, tty: io.stderrIsTty } });
    } catch (err) {
      await audit.append(replayAuditEntry(request, { phase: 'outcome', outcome: 'FAILURE', role, actor, ranges: plan.ranges, error: messageOf(err) }))
        .catch((auditErr: unknown) => io.stderr(`replay: the failure could not be audited: ${messageOf(auditErr)}\n`));
      throw err;
    }
    await audit.append(replayAuditEntry(request, { phase: 'outcome', outcome: 'SUCCESS', role, actor, ranges: plan.ranges, records: result.records, outputs: result.outputs, deadLetters: result.deadLetters }));
    io.stdout(`${JSON.stringify({ topic: request.topic, destination: request.destination, ...result })}\n`);
    return EXIT.done;
  } catch (err) {
    io.stderr(`replay: ${messageOf(err)}\n`);
    return exitCodeOf(err);
  } finally {
    await admin?.disconnect().catch(() => undefined);
    await pool?.end().catch(() => undefined);
  }
}
