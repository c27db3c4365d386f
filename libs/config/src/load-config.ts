// Environment configuration, read once at start-up with zod and frozen. Every bad or missing
// variable is reported in one ConfigError, so an operator fixes them all in one go.
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';

/** A zod object shape whose keys are environment variable names. */
export type EnvShape = Record<string, z.ZodType>;

/** Parses `env` against `shape`; throws one ConfigError naming every bad variable. Values are never echoed. */
export function loadConfig<S extends EnvShape>(shape: S, env: NodeJS.ProcessEnv = process.env): Readonly<z.infer<z.ZodObject<S>>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const described = shape[name]?.description;
      // The message names the variable and the rule it broke; the value itself may be a secret.
      return `  ${name}: ${issue.message}${described ? ` (${described})` : ''}`;
    });
    throw new ConfigError(`invalid configuration, ${lines.length} variable(s) to fix:\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data);
}

/** Comma-separated host:port list, e.g. 127.0.0.1:9092. */
export const brokerList = z
  .string()
  .min(1)
  .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
  .refine((list) => list.length > 0 && list.every((b) => /^[^\s:]+:\d{1,5}$/.test(b)), 'must be a comma-separated list of host:port');

/** A TCP port number given as a string. */
export const port = z.coerce.number().int().min(0).max(65535);

/**
 * How a client signs in to Kafka: its own SCRAM user (its principal, whose ACLs say what it may
 * touch; infra/kafka-principals.json) and TLS for production's SASL_SSL. The local broker accepts
 * only SCRAM-authenticated clients.
 */
export const kafkaSecurityEnv = {
  KAFKA_SASL_MECHANISM: z.enum(['none', 'scram-sha-256', 'scram-sha-512']).default('none').describe('SASL mechanism for Kafka (none only for a broker without authentication)'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional().describe('SCRAM user of this client: its Kafka principal'),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional().describe('SCRAM password of KAFKA_SASL_USERNAME (a secret, never logged)'),
  KAFKA_SSL: z.enum(['true', 'false']).default('false').transform((s) => s === 'true').describe('TLS to the brokers (true for SASL_SSL in production)'),
} satisfies EnvShape;

/** The variables most services share (ARCHITECTURE.md, Contracts: Configuration). */
export const commonEnv = {
  KAFKA_BROKERS: brokerList.describe('Kafka bootstrap servers, host:port[,host:port]'),
  ...kafkaSecurityEnv,
  SCHEMA_REGISTRY_URL: z.url().describe('Confluent-compatible schema registry base URL'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  METRICS_PORT: port.default(9464).describe('port of the /healthz, /readyz and /metrics server; 0 picks a free one'),
} satisfies EnvShape;
