// The one place a failure is answered (after Kafka Streams' processing exception handler):
// retry the batch after backoff (a dependency is down: pause, never drop) or dead-letter the
// record (the record itself is bad: decode, validation, or a non-retriable transform error).
import { PlatformError } from '@cwp/errors';

/** What the runtime does with a failed record. */
export type FailureAction = 'retry' | 'dead-letter';

/** A classified failure. `code` is stable and bounded (it becomes a metric label). */
export interface Classified {
  readonly action: FailureAction;
  readonly code: string;
  readonly errorClass: string;
}

// Socket-level failures of any client (pg, ioredis, fetch/undici, http): the dependency is unreachable.
const RETRIABLE_SYSTEM_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

// PostgreSQL SQLSTATEs that mean "try again": connection exceptions (class 08), server shutting
// down or starting (57P01..57P03), too many connections, serialization failure, deadlock.
const RETRIABLE_SQLSTATE = /^(08...|57P0[123]|53300|40001|40P01)$/;

// kafkajs errors the client itself treats as transient, plus the ones it raises when retries ran out.
const RETRIABLE_KAFKAJS: ReadonlySet<string> = new Set([
  'KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded', 'KafkaJSBrokerNotFound', 'KafkaJSLockTimeout',
  'KafkaJSNoBrokerAvailableError', 'KafkaJSMetadataNotLoaded', 'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment', 'KafkaJSOffsetOutOfRange',
]);

// ioredis reports a lost connection with these names or messages.
const RETRIABLE_REDIS_NAMES: ReadonlySet<string> = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);
const RETRIABLE_REDIS_MESSAGES: ReadonlySet<string> = new Set(['Connection is closed.', "Stream isn't writeable and enableOfflineQueue options is false"]);

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[name] : undefined;
}

function isTransient(err: unknown): boolean {
  if (err instanceof PlatformError) return err.retriable;
  const name = field(err, 'name');
  const code = field(err, 'code');
  if (typeof name === 'string' && name.startsWith('KafkaJS')) return field(err, 'retriable') === true || RETRIABLE_KAFKAJS.has(name);
  if (typeof code === 'string' && (RETRIABLE_SYSTEM_CODES.has(code) || RETRIABLE_SQLSTATE.test(code))) return true;
  if (typeof name === 'string' && RETRIABLE_REDIS_NAMES.has(name)) return true;
  const message = field(err, 'message');
  return typeof message === 'string' && RETRIABLE_REDIS_MESSAGES.has(message);
}

function codeOf(err: unknown): string {
  if (err instanceof PlatformError) return err.code;
  const name = field(err, 'name');
  const type = field(err, 'type');
  if (typeof name === 'string' && name.startsWith('KafkaJS')) return typeof type === 'string' ? `KAFKA_${type}` : name;
  const code = field(err, 'code');
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  return 'TRANSFORM_FAILED';
}

/**
 * Classifies a failure. Retriable when the error, or any error in its `cause` chain (5 deep), is a
 * retriable PlatformError or a known transient failure of Kafka, PostgreSQL, Redis or the network;
 * everything else (DecodeError, ValidationError, bugs in a transform) is dead-lettered.
 */
export function classifyError(err: unknown): Classified {
  let transient = false;
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e !== undefined && e !== null; depth++) {
    if (isTransient(e)) { transient = true; break; }
    // A non-retriable PlatformError is a decision, not a wrapper: its causes do not override it.
    if (e instanceof PlatformError) break;
    e = field(e, 'cause');
  }
  const name = field(err, 'name');
  return { action: transient ? 'retry' : 'dead-letter', code: codeOf(err), errorClass: typeof name === 'string' ? name : typeof err };
}
