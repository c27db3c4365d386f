// How integration tests reach the local stack started by `make up`: environment first, then the
// .local/stack.env that infra/local/up.sh writes. Each test makes its own names with uniqueName().
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';

const repoRoot = new URL('../../', import.meta.url).pathname;

function stackEnvFile(): Record<string, string> {
  try {
    const text = readFileSync(`${repoRoot}.local/stack.env`, 'utf8');
    return Object.fromEntries(
      text.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  } catch {
    return {};
  }
}

/** Connection settings of the running local stack; throws with the fix when it is not up. */
export function stackEnv(): { kafkaBrokers: string[]; registryUrl: string; databaseUrl: string; redisUrl: string; env: Record<string, string> } {
  const file = stackEnvFile();
  const get = (name: string): string => {
    const v = process.env[name] ?? file[name];
    if (!v) throw new Error(`${name} is not set and .local/stack.env is missing: run 'make up' first`);
    return v;
  };
  // The local broker takes only SCRAM-authenticated clients: tests sign in as its super user.
  const optional = (name: string): Record<string, string> => { const v = process.env[name] ?? file[name]; return v ? { [name]: v } : {}; };
  const env: Record<string, string> & { KAFKA_BROKERS: string; SCHEMA_REGISTRY_URL: string; DATABASE_URL: string; REDIS_URL: string } = {
    KAFKA_BROKERS: get('KAFKA_BROKERS'), SCHEMA_REGISTRY_URL: get('SCHEMA_REGISTRY_URL'), DATABASE_URL: get('DATABASE_URL'), REDIS_URL: get('REDIS_URL'),
    ...optional('KAFKA_SASL_MECHANISM'), ...optional('KAFKA_SASL_USERNAME'), ...optional('KAFKA_SASL_PASSWORD'),
  };
  return { kafkaBrokers: env.KAFKA_BROKERS.split(','), registryUrl: env.SCHEMA_REGISTRY_URL, databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, env };
}

/** kafkajs SASL options of the stack's super user (undefined when the stack runs without SASL). */
export function stackSasl(): { mechanism: 'scram-sha-256'; username: string; password: string } | undefined {
  const { env } = stackEnv();
  if (env.KAFKA_SASL_MECHANISM !== 'scram-sha-256' || !env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) return undefined;
  return { mechanism: 'scram-sha-256', username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD };
}

/** The per-machine SCRAM passwords of the declared principals (KAFKA_USERS_FILE, written by make up). */
export function kafkaUsersFile(): string {
  const file = process.env.KAFKA_USERS_FILE ?? stackEnvFile().KAFKA_USERS_FILE;
  if (!file) throw new Error("KAFKA_USERS_FILE is not set and .local/stack.env is missing: run 'make up' first");
  return file;
}

/** `{ sasl }` for a kafkajs client config when the stack authenticates, else `{}`. */
export function stackSaslOption(): { sasl?: { mechanism: 'scram-sha-256'; username: string; password: string } } {
  const sasl = stackSasl();
  return sasl ? { sasl } : {};
}

/** Where the machine's local stack keeps its data, logs and pid files (infra/local/lib.sh STATE_DIR). */
export function stackStateDir(): string {
  return process.env.CWP_STATE_DIR ?? stackEnvFile().CWP_STATE_DIR ?? `${process.env.XDG_STATE_HOME ?? `${process.env.HOME ?? ''}/.local/state`}/cwp-local`;
}

/** A name no other test run uses: prefix + time + random suffix. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
}

/** A kafkajs client for tests (quiet logs). */
export function testKafka(clientId = 'cwp-test'): kafkajs.Kafka {
  return new kafkajs.Kafka({ clientId, brokers: stackEnv().kafkaBrokers, ...stackSaslOption(), logLevel: kafkajs.logLevel.ERROR });
}

export const REPO_ROOT = repoRoot;

/**
 * The node arguments that start a service entry (`services/<name>/src/<file>.ts`): from source through
 * tsx, as tests do, or, with CWP_SERVICES_FROM=dist, the compiled `dist/<file>.js` that production
 * starts (`make build` first; its absence is an error, not a silent fallback to source).
 */
export function serviceEntryArgs(entry: string): string[] {
  if (process.env.CWP_SERVICES_FROM !== 'dist') return ['--import', 'tsx', '--conditions=source', entry];
  const built = entry.replace(/\/src\/(.+)\.ts$/u, '/dist/$1.js');
  if (built === entry) throw new Error(`CWP_SERVICES_FROM=dist: ${entry} is not a services/<name>/src/*.ts entry`);
  if (!existsSync(join(repoRoot, built))) throw new Error(`CWP_SERVICES_FROM=dist: ${built} is missing; run make build first`);
  return [built];
}
