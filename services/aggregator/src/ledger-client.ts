// HTTP client of the privacy-budget ledger (services/privacy-ledger): reserve before computing a
// release, commit once the release is stored. Both calls are idempotent at the ledger (same
// reservation id → same answer), so they are safe to repeat on every retry. A refusal
// (409 BUDGET_EXHAUSTED) is an answer, not an error; the ledger itself raises the SecurityAlert on
// alerts.security.v1 at 80 % and 100 % of a cap. Anything else unexpected is a retriable
// DependencyError: the batch waits rather than release without a grant.
import { DependencyError } from '@cwp/errors';

/** The ledger's answer to a reservation. */
export type ReserveAnswer =
  | { readonly granted: true; readonly epsilon: string; readonly delta: string | null }
  | { readonly granted: false; readonly remaining: string | null };

/** The ledger port of the transform. */
export interface LedgerPort {
  reserve(request: { reservationId: string; stakeholder: string; dataset: string; delta?: string }): Promise<ReserveAnswer>;
  commit(reservationId: string): Promise<void>;
}

/** Options of createHttpLedger. */
export interface HttpLedgerOptions {
  readonly url: string;
  readonly token: string;
  readonly timeoutMs?: number;
  /** Injected for in-process tests (e.g. a fetch over fastify inject). */
  readonly fetch?: typeof fetch;
}

function unavailable(what: string, cause?: unknown): DependencyError {
  return new DependencyError('LEDGER_UNAVAILABLE', `privacy ledger ${what}; the batch is retried`, cause === undefined ? {} : { cause });
}

/** A ledger client over HTTP with a Bearer token. */
export function createHttpLedger(options: HttpLedgerOptions): LedgerPort {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  async function call(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw unavailable('did not answer', err);
    }
    let json: Record<string, unknown> = {};
    try { json = (await res.json()) as Record<string, unknown>; } catch { /* non-JSON error page */ }
    return { status: res.status, json };
  }
  const codeOf = (json: Record<string, unknown>): string => {
    const code = (json.error as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : '';
  };
  return {
    async reserve(request) {
      const { status, json } = await call('/v1/reservations', request);
      if (status === 200 || status === 201) {
        if (typeof json.epsilon !== 'string') throw unavailable('granted a reservation without an epsilon');
        return { granted: true, epsilon: json.epsilon, delta: typeof json.delta === 'string' ? json.delta : null };
      }
      if (status === 409 && codeOf(json) === 'BUDGET_EXHAUSTED') return { granted: false, remaining: typeof json.remaining === 'string' ? json.remaining : null };
      throw unavailable(`answered reserve with HTTP ${status} ${codeOf(json)}`.trim());
    },
    async commit(reservationId) {
      const { status, json } = await call(`/v1/reservations/${encodeURIComponent(reservationId)}/commit`, {});
      if (status !== 200) throw unavailable(`answered commit with HTTP ${status} ${codeOf(json)}`.trim());
    },
  };
}
