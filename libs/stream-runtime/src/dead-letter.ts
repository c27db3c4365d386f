// Dead letters (ARCHITECTURE.md, Contracts: Dead letters): the original key and value bytes
// unchanged, the original headers, plus dlq.* headers saying which stage failed, why and where
// the record came from, so a fixed stage can replay it. Headers never carry record content.
import type { Classified } from './classify-error.js';
import type { DeadLetter, HeaderValue, RawRecord } from './types.js';

/** Longest error message kept in dlq.error.message. */
export const DLQ_MESSAGE_MAX_CHARS = 500;

/** The names of the headers the runtime adds. */
export const DLQ_HEADERS = Object.freeze({
  stage: 'dlq.stage',
  code: 'dlq.error.code',
  errorClass: 'dlq.error.class',
  message: 'dlq.error.message',
  sourceTopic: 'dlq.source.topic',
  sourcePartition: 'dlq.source.partition',
  sourceOffset: 'dlq.source.offset',
  time: 'dlq.time',
} as const);

/** The dead-letter topic of an input topic. */
export function dlqTopicOf(inputTopic: string): string {
  return `${inputTopic}.dlq`;
}

function stringLeaves(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 8 || out.size > 500) return;
  if (typeof value === 'string') { if (value.length >= 3) out.add(value); return; }
  if (typeof value === 'number' || typeof value === 'bigint') { const s = String(value); if (s.length >= 4) out.add(s); return; }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Date) return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) stringLeaves(v, out, depth + 1);
}

/**
 * The message to put in dlq.error.message: the error's message with every string (and long
 * number) found in the record's key or decoded value replaced by [redacted], truncated to 500
 * characters. Platform errors are written never to echo values; this catches the others.
 */
export function sanitizeErrorMessage(err: unknown, recordContent: readonly unknown[] = []): string {
  const raw = typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string'
    ? (err as { message: string }).message
    : String(err);
  const leaves = new Set<string>();
  for (const c of recordContent) stringLeaves(c, leaves);
  let msg = raw;
  // Longest first, so a value containing a shorter one is removed whole.
  for (const leaf of [...leaves].sort((a, b) => b.length - a.length)) {
    if (msg.includes(leaf)) msg = msg.split(leaf).join('[redacted]');
  }
  return msg.length > DLQ_MESSAGE_MAX_CHARS ? `${msg.slice(0, DLQ_MESSAGE_MAX_CHARS - 1)}…` : msg;
}

/** What buildDeadLetter needs besides the failed record. */
export interface DeadLetterContext {
  readonly stage: string;
  readonly failure: Classified;
  readonly message: string;
  readonly time: Date;
}

/** The dlq.* headers for a failure; values are strings. */
export function buildDlqHeaders(record: Pick<RawRecord, 'topic' | 'partition' | 'offset'>, ctx: DeadLetterContext): Record<string, string> {
  return {
    [DLQ_HEADERS.stage]: ctx.stage,
    [DLQ_HEADERS.code]: ctx.failure.code,
    [DLQ_HEADERS.errorClass]: ctx.failure.errorClass,
    [DLQ_HEADERS.message]: ctx.message,
    [DLQ_HEADERS.sourceTopic]: record.topic,
    [DLQ_HEADERS.sourcePartition]: String(record.partition),
    [DLQ_HEADERS.sourceOffset]: record.offset,
    [DLQ_HEADERS.time]: ctx.time.toISOString(),
  };
}

/** The dead letter of `record`: original key/value bytes and headers, dlq.* headers replacing any earlier ones. */
export function buildDeadLetter(record: RawRecord, ctx: DeadLetterContext): DeadLetter {
  const headers: Record<string, HeaderValue> = {};
  for (const [name, v] of Object.entries(record.headers)) if (v !== undefined) headers[name] = v;
  Object.assign(headers, buildDlqHeaders(record, ctx));
  return { topic: dlqTopicOf(record.topic), key: record.key, value: record.value, headers };
}
