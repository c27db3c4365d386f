// Cache invalidation between processes: when a subject is shredded, restored or its DEK rotated,
// every encryptor and decryptor drops its cached DEKs for that subject now rather than at TTL.
// Pub/sub is fire-and-forget, so the key store also checks the tombstone on every cache miss and
// bounds cache age by a TTL: a lost message delays the effect by at most the TTL.

/** A message on the invalidation channel. */
export interface KeyInvalidation {
  readonly op: 'shred' | 'restore' | 'rotate';
  readonly subjectId: string;
}

/** Publishes and receives invalidations (Redis pub/sub in production, in-memory in tests). */
export interface InvalidationBus {
  publish(message: KeyInvalidation): Promise<void>;
  /** Registers a handler; resolves once listening. */
  subscribe(handler: (message: KeyInvalidation) => void): Promise<void>;
  close(): Promise<void>;
}

/** An in-process bus (tests, single-process tools). */
export function createMemoryInvalidationBus(): InvalidationBus {
  const handlers: Array<(m: KeyInvalidation) => void> = [];
  return {
    publish(m) { for (const h of handlers) h(m); return Promise.resolve(); },
    subscribe(h) { handlers.push(h); return Promise.resolve(); },
    close() { handlers.length = 0; return Promise.resolve(); },
  };
}

/** Parses a channel message; null when it is not one of ours. */
export function parseInvalidation(text: string): KeyInvalidation | null {
  try {
    const m = JSON.parse(text) as Partial<KeyInvalidation> | null;
    if (m && (m.op === 'shred' || m.op === 'restore' || m.op === 'rotate') && typeof m.subjectId === 'string') return { op: m.op, subjectId: m.subjectId };
  } catch { /* ignored: not ours */ }
  return null;
}
