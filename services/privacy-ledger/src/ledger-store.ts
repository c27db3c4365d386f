// The ledger's state in PostgreSQL. Each operation is one READ COMMITTED transaction:
//  - reserve: claims the reservation id (INSERT … ON CONFLICT DO NOTHING: a concurrent request with
//    the same id waits for the first to commit, then sees its row and replays its answer), then
//    spends with one conditional UPDATE … WHERE spent + ε ≤ cap RETURNING. The UPDATE takes the
//    budget row's lock and re-checks the condition on the latest row version, so concurrent
//    reservations serialise on the row and the cap is never exceeded.
//  - commit / release lock the reservation row (SELECT … FOR UPDATE); release gives ε and δ back.
//  - threshold alerts are inserted in the same transaction (primary key = once per stakeholder,
//    dataset, period, threshold), and produced to Kafka after commit by the alert outbox.
//  - every outcome, refusals included, is appended to the audit chain in the same transaction.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AuditEntry } from '@cwp/audit';
import { createAuditLog } from '@cwp/audit';
import { withTransaction } from '@cwp/db';
import type { BudgetPolicy, BudgetsConfig, Stakeholder } from './budgets-config.js';
import type { Caller } from './credentials.js';
import { compareDecimal, fromNumeric } from './decimal.js';
import { LedgerError } from './errors.js';

/** A reservation request, validated. */
export interface ReserveRequest {
  readonly reservationId: string;
  readonly stakeholder: Stakeholder;
  readonly dataset: string;
  /** Canonical decimal; the category's per-release ε when absent. */
  readonly epsilon?: string | undefined;
  readonly delta?: string | undefined;
}

/** An HTTP answer decided by the store. */
export interface LedgerAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** Set on an idempotent replay of a reservation: its current state. */
  readonly replayOf?: string;
  /** What happened, for metrics (bounded set). */
  readonly outcome: string;
  /** Threshold alerts created by this operation (to be produced now). */
  readonly newAlerts: number;
}

/** The ledger's operations. */
export interface LedgerStore {
  reserve(request: ReserveRequest, caller: Caller): Promise<LedgerAnswer>;
  commit(reservationId: string, caller: Caller): Promise<LedgerAnswer>;
  release(reservationId: string, caller: Caller): Promise<LedgerAnswer>;
  budget(stakeholder: Stakeholder, dataset: string, period: string, caller: Caller): Promise<LedgerAnswer>;
  setCap(stakeholder: Stakeholder, dataset: string, period: string, cap: string, caller: Caller): Promise<LedgerAnswer>;
  /** Audits a refused request outside any ledger change (403, unknown budget on a read). */
  auditDenied(caller: Caller, action: string, subject: string | null, code: string): Promise<void>;
}

/** Where the store lives. */
export interface LedgerStoreOptions {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly auditSchema: string;
  readonly budgets: BudgetsConfig;
  /** 'YYYY-MM' of now (injectable for tests). */
  readonly currentPeriod: () => string;
}

interface BudgetRow {
  epsilon_cap: string;
  epsilon_spent: string;
  delta_cap: string;
  delta_spent: string;
  remaining: string;
  remaining_delta: string;
  at80: boolean;
  at100: boolean;
}

interface ReservationRow {
  reservation_id: string;
  stakeholder: Stakeholder;
  dataset: string;
  period: string;
  epsilon: string;
  delta: string;
  state: 'RESERVED' | 'COMMITTED' | 'RELEASED' | 'REFUSED';
  caller: string;
  first_status: number;
  first_response: Record<string, unknown>;
}

const BUDGET_COLUMNS = `epsilon_cap::text, epsilon_spent::text, delta_cap::text, delta_spent::text,
  GREATEST(epsilon_cap - epsilon_spent, 0)::text AS remaining, GREATEST(delta_cap - delta_spent, 0)::text AS remaining_delta,
  (epsilon_cap > 0 AND epsilon_spent >= epsilon_cap * 0.8) AS at80, (epsilon_cap > 0 AND epsilon_spent >= epsilon_cap) AS at100`;

/** A budget as the API shows it: canonical decimal strings. */
interface BudgetView {
  readonly cap: string;
  readonly spent: string;
  readonly remaining: string;
  readonly deltaCap: string;
  readonly deltaSpent: string;
  readonly remainingDelta: string;
}

function budgetView(row: BudgetRow): BudgetView {
  return {
    cap: fromNumeric(row.epsilon_cap), spent: fromNumeric(row.epsilon_spent), remaining: fromNumeric(row.remaining),
    deltaCap: fromNumeric(row.delta_cap), deltaSpent: fromNumeric(row.delta_spent), remainingDelta: fromNumeric(row.remaining_delta),
  };
}

/** Creates the store over a migrated schema. */
export function createLedgerStore(options: LedgerStoreOptions): LedgerStore {
  const { pool, budgets } = options;
  const t = (name: string): string => `"${options.schema}".${name}`;

  const inTransaction = <R>(fn: (client: pg.PoolClient) => Promise<R>): Promise<R> => withTransaction(pool, fn);
  // Audit records commit or roll back with the ledger change they record (no spend without its record).
  // The audit head is the last lock a ledger transaction takes, so this cannot deadlock with budget rows.
  const auditLog = createAuditLog({ pool, schema: options.auditSchema });

  function audit(client: pg.PoolClient, caller: Caller, entry: Omit<AuditEntry, 'actor' | 'role'>): Promise<{ seq: number }> {
    return auditLog.appendIn(client, { actor: caller.name, role: caller.role, ...entry });
  }

  function policyOf(stakeholder: Stakeholder, dataset: string): BudgetPolicy {
    const policy = budgets.policy(stakeholder, dataset);
    if (!policy) throw new LedgerError('UNKNOWN_BUDGET', { extra: { stakeholder, dataset } });
    return policy;
  }

  async function ensureBudget(client: pg.PoolClient, policy: BudgetPolicy, period: string): Promise<void> {
    await client.query(`INSERT INTO ${t('budgets')} (stakeholder, dataset, period, epsilon_cap, delta_cap) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
      policy.stakeholder, policy.dataset, period, policy.epsilonCap, policy.deltaCap,
    ]);
  }

  async function readBudget(client: pg.PoolClient, stakeholder: string, dataset: string, period: string): Promise<BudgetRow> {
    const res = await client.query<BudgetRow>(`SELECT ${BUDGET_COLUMNS} FROM ${t('budgets')} WHERE stakeholder = $1 AND dataset = $2 AND period = $3`, [stakeholder, dataset, period]);
    const row = res.rows[0];
    if (!row) throw new Error('budget row vanished inside its transaction');
    return row;
  }

  /** Inserts the threshold alerts `row` has reached (100 % also when `refusal` says why a reservation was refused); returns how many were new. */
  async function raiseThresholds(client: pg.PoolClient, key: { stakeholder: string; dataset: string; period: string }, row: BudgetRow, refusal: string | null, caller: Caller): Promise<number> {
    const due: { threshold: 80 | 100; severity: 'MEDIUM' | 'HIGH'; reason: string }[] = [];
    if (row.at80) due.push({ threshold: 80, severity: 'MEDIUM', reason: 'spent reached 80 % of the cap' });
    if (row.at100) due.push({ threshold: 100, severity: 'HIGH', reason: 'spent reached the cap' });
    else if (refusal !== null) due.push({ threshold: 100, severity: 'HIGH', reason: refusal });
    let created = 0;
    for (const d of due) {
      const res = await client.query(
        `INSERT INTO ${t('budget_alerts')} (stakeholder, dataset, period, threshold, alert_id, severity, reason, epsilon_spent, epsilon_cap, caller)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING alert_id`,
        [key.stakeholder, key.dataset, key.period, d.threshold, randomUUID(), d.severity, d.reason, row.epsilon_spent, row.epsilon_cap, caller.name],
      );
      created += res.rowCount ?? 0;
    }
    return created;
  }

  async function lockReservation(client: pg.PoolClient, id: string): Promise<ReservationRow | null> {
    const res = await client.query<ReservationRow>(
      `SELECT reservation_id, stakeholder, dataset, period, epsilon::text, delta::text, state, caller, first_status, first_response FROM ${t('reservations')} WHERE reservation_id = $1 FOR UPDATE`,
      [id],
    );
    return res.rows[0] ?? null;
  }

  function reservationView(r: ReservationRow): Record<string, unknown> {
    return { reservationId: r.reservation_id, state: r.state, stakeholder: r.stakeholder, dataset: r.dataset, period: r.period, epsilon: fromNumeric(r.epsilon), delta: fromNumeric(r.delta) };
  }

  return {
    async reserve(request, caller) {
      const policy = policyOf(request.stakeholder, request.dataset);
      const epsilon = request.epsilon ?? policy.epsilonPerRelease;
      const delta = request.delta ?? '0';
      if (compareDecimal(epsilon, policy.epsilonPerRelease) > 0) {
        throw new LedgerError('EPSILON_ABOVE_POLICY', { extra: { category: policy.category, epsilonPerRelease: policy.epsilonPerRelease } });
      }
      const period = options.currentPeriod();
      return inTransaction(async (client) => {
        await ensureBudget(client, policy, period);
        const claim = await client.query(
          `INSERT INTO ${t('reservations')} (reservation_id, stakeholder, dataset, period, epsilon, delta, state, caller, first_status, first_response)
           VALUES ($1, $2, $3, $4, $5, $6, 'REFUSED', $7, 0, '{}') ON CONFLICT (reservation_id) DO NOTHING RETURNING reservation_id`,
          [request.reservationId, request.stakeholder, request.dataset, period, epsilon, delta, caller.name],
        );
        if (claim.rowCount === 0) {
          const prior = await lockReservation(client, request.reservationId);
          if (!prior) throw new Error('reservation id claimed but not readable');
          const subject = `${prior.stakeholder}/${prior.dataset}/${prior.period}`;
          const same = prior.stakeholder === request.stakeholder && prior.dataset === request.dataset
            && compareDecimal(fromNumeric(prior.epsilon), epsilon) === 0 && compareDecimal(fromNumeric(prior.delta), delta) === 0;
          if (!same) {
            await audit(client, caller, { action: 'privacy_budget.reserve', subject, purpose: 'dp_release', outcome: 'DENIED', details: { reservationId: request.reservationId, code: 'RESERVATION_CONFLICT' } });
            const err = new LedgerError('RESERVATION_CONFLICT', { extra: { reservationId: request.reservationId } });
            return { status: err.status, body: err.toBody(), outcome: 'conflict', newAlerts: 0 };
          }
          await audit(client, caller, { action: 'privacy_budget.reserve', subject, purpose: 'dp_release', outcome: prior.state === 'REFUSED' ? 'DENIED' : 'SUCCESS', details: { reservationId: request.reservationId, replay: true, state: prior.state } });
          return { status: prior.first_status, body: prior.first_response, replayOf: prior.state, outcome: 'replayed', newAlerts: 0 };
        }

        const key = { stakeholder: request.stakeholder, dataset: request.dataset, period };
        const spent = await client.query<BudgetRow>(
          `UPDATE ${t('budgets')} SET epsilon_spent = epsilon_spent + $4, delta_spent = delta_spent + $5, updated_at = now()
           WHERE stakeholder = $1 AND dataset = $2 AND period = $3 AND epsilon_spent + $4 <= epsilon_cap AND delta_spent + $5 <= delta_cap
           RETURNING ${BUDGET_COLUMNS}`,
          [key.stakeholder, key.dataset, key.period, epsilon, delta],
        );
        const granted = spent.rows[0];
        const row = granted ?? (await readBudget(client, key.stakeholder, key.dataset, key.period));
        const view = budgetView(row);
        const common = { reservationId: request.reservationId, stakeholder: key.stakeholder, dataset: key.dataset, period, epsilon, delta };
        let status: number;
        let body: Record<string, unknown>;
        if (granted) {
          status = 201;
          body = { ...common, state: 'RESERVED', remaining: view.remaining, remainingDelta: view.remainingDelta, cap: view.cap };
        } else {
          const err = new LedgerError('BUDGET_EXHAUSTED', { extra: { ...common, state: 'REFUSED', remaining: view.remaining, remainingDelta: view.remainingDelta, cap: view.cap } });
          status = err.status;
          body = err.toBody();
        }
        await client.query(`UPDATE ${t('reservations')} SET state = $2, first_status = $3, first_response = $4 WHERE reservation_id = $1`, [
          request.reservationId, granted ? 'RESERVED' : 'REFUSED', status, JSON.stringify(body),
        ]);
        const refusal = granted ? null
          : compareDecimal(view.remaining, epsilon) >= 0 ? 'a reservation was refused: the delta cap is exhausted'
          : 'a reservation was refused: the remaining epsilon cannot cover it';
        const newAlerts = await raiseThresholds(client, key, row, refusal, caller);
        await audit(client, caller, {
          action: 'privacy_budget.reserve', subject: `${key.stakeholder}/${key.dataset}/${period}`, purpose: 'dp_release', outcome: granted ? 'SUCCESS' : 'DENIED',
          details: { reservationId: request.reservationId, epsilon, delta, remaining: view.remaining, ...(granted ? {} : { code: 'BUDGET_EXHAUSTED' }) },
        });
        return { status, body, outcome: granted ? 'granted' : 'refused', newAlerts };
      });
    },

    commit(reservationId, caller) {
      return inTransaction(async (client) => {
        const r = await lockReservation(client, reservationId);
        if (!r) {
          await audit(client, caller, { action: 'privacy_budget.commit', subject: null, purpose: 'dp_release', outcome: 'DENIED', details: { reservationId, code: 'RESERVATION_NOT_FOUND' } });
          const err = new LedgerError('RESERVATION_NOT_FOUND', { extra: { reservationId } });
          return { status: err.status, body: err.toBody(), outcome: 'not_found', newAlerts: 0 };
        }
        const subject = `${r.stakeholder}/${r.dataset}/${r.period}`;
        if (r.state === 'RESERVED' || r.state === 'COMMITTED') {
          if (r.state === 'RESERVED') await client.query(`UPDATE ${t('reservations')} SET state = 'COMMITTED', updated_at = now() WHERE reservation_id = $1`, [reservationId]);
          await audit(client, caller, { action: 'privacy_budget.commit', subject, purpose: 'dp_release', outcome: 'SUCCESS', details: { reservationId, epsilon: fromNumeric(r.epsilon), replay: r.state === 'COMMITTED' } });
          return { status: 200, body: { ...reservationView(r), state: 'COMMITTED' }, outcome: r.state === 'COMMITTED' ? 'replayed' : 'committed', newAlerts: 0 };
        }
        await audit(client, caller, { action: 'privacy_budget.commit', subject, purpose: 'dp_release', outcome: 'DENIED', details: { reservationId, code: 'RESERVATION_STATE', state: r.state } });
        const err = new LedgerError('RESERVATION_STATE', { message: `The reservation is ${r.state}; only a RESERVED reservation can be committed.`, extra: reservationView(r) });
        return { status: err.status, body: err.toBody(), outcome: 'wrong_state', newAlerts: 0 };
      });
    },

    release(reservationId, caller) {
      return inTransaction(async (client) => {
        const r = await lockReservation(client, reservationId);
        if (!r) {
          await audit(client, caller, { action: 'privacy_budget.release', subject: null, purpose: 'dp_release', outcome: 'DENIED', details: { reservationId, code: 'RESERVATION_NOT_FOUND' } });
          const err = new LedgerError('RESERVATION_NOT_FOUND', { extra: { reservationId } });
          return { status: err.status, body: err.toBody(), outcome: 'not_found', newAlerts: 0 };
        }
        const subject = `${r.stakeholder}/${r.dataset}/${r.period}`;
        if (r.state === 'RESERVED') {
          const res = await client.query<BudgetRow>(
            `UPDATE ${t('budgets')} SET epsilon_spent = epsilon_spent - $4, delta_spent = delta_spent - $5, updated_at = now()
             WHERE stakeholder = $1 AND dataset = $2 AND period = $3 RETURNING ${BUDGET_COLUMNS}`,
            [r.stakeholder, r.dataset, r.period, r.epsilon, r.delta],
          );
          await client.query(`UPDATE ${t('reservations')} SET state = 'RELEASED', updated_at = now() WHERE reservation_id = $1`, [reservationId]);
          const view = budgetView(res.rows[0]!);
          await audit(client, caller, { action: 'privacy_budget.release', subject, purpose: 'dp_release', outcome: 'SUCCESS', details: { reservationId, epsilon: fromNumeric(r.epsilon), remaining: view.remaining } });
          return { status: 200, body: { ...reservationView(r), state: 'RELEASED', returned: fromNumeric(r.epsilon), remaining: view.remaining, remainingDelta: view.remainingDelta }, outcome: 'released', newAlerts: 0 };
        }
        if (r.state === 'RELEASED') {
          const view = budgetView(await readBudget(client, r.stakeholder, r.dataset, r.period));
          await audit(client, caller, { action: 'privacy_budget.release', subject, purpose: 'dp_release', outcome: 'SUCCESS', details: { reservationId, replay: true } });
          // Already given back once: report it, give nothing back again.
          return { status: 200, body: { ...reservationView(r), returned: '0', remaining: view.remaining, remainingDelta: view.remainingDelta }, outcome: 'replayed', newAlerts: 0 };
        }
        await audit(client, caller, { action: 'privacy_budget.release', subject, purpose: 'dp_release', outcome: 'DENIED', details: { reservationId, code: 'RESERVATION_STATE', state: r.state } });
        const why = r.state === 'COMMITTED' ? 'committed budget has been spent on a release and cannot be returned' : 'a refused reservation holds no budget';
        const err = new LedgerError('RESERVATION_STATE', { message: `The reservation is ${r.state}: ${why}.`, extra: reservationView(r) });
        return { status: err.status, body: err.toBody(), outcome: 'wrong_state', newAlerts: 0 };
      });
    },

    async budget(stakeholder, dataset, period, caller) {
      const policy = policyOf(stakeholder, dataset);
      return inTransaction(async (client) => {
        const res = await client.query<BudgetRow>(`SELECT ${BUDGET_COLUMNS} FROM ${t('budgets')} WHERE stakeholder = $1 AND dataset = $2 AND period = $3`, [stakeholder, dataset, period]);
        const row = res.rows[0];
        const view: BudgetView = row ? budgetView(row) : { cap: policy.epsilonCap, spent: '0', remaining: policy.epsilonCap, deltaCap: policy.deltaCap, deltaSpent: '0', remainingDelta: policy.deltaCap };
        const states = await client.query<{ state: string; n: string; epsilon: string }>(
          `SELECT state, count(*)::text AS n, COALESCE(sum(epsilon), 0)::text AS epsilon FROM ${t('reservations')} WHERE stakeholder = $1 AND dataset = $2 AND period = $3 GROUP BY state`,
          [stakeholder, dataset, period],
        );
        const byState = Object.fromEntries(states.rows.map((s) => [s.state.toLowerCase(), { count: Number(s.n), epsilon: fromNumeric(s.epsilon) }]));
        await audit(client, caller, { action: 'privacy_budget.read', subject: `${stakeholder}/${dataset}/${period}`, purpose: 'budget_inspection', outcome: 'SUCCESS' });
        return {
          status: 200,
          body: { stakeholder, dataset, period, category: policy.category, epsilonPerRelease: policy.epsilonPerRelease, ...view, reservations: byState },
          outcome: 'read', newAlerts: 0,
        };
      });
    },

    async setCap(stakeholder, dataset, period, cap, caller) {
      const policy = policyOf(stakeholder, dataset);
      return inTransaction(async (client) => {
        await ensureBudget(client, policy, period);
        const before = await client.query<{ epsilon_cap: string }>(`SELECT epsilon_cap::text FROM ${t('budgets')} WHERE stakeholder = $1 AND dataset = $2 AND period = $3 FOR UPDATE`, [stakeholder, dataset, period]);
        const res = await client.query<BudgetRow>(
          `UPDATE ${t('budgets')} SET epsilon_cap = $4, cap_source = 'admin', updated_at = now() WHERE stakeholder = $1 AND dataset = $2 AND period = $3 RETURNING ${BUDGET_COLUMNS}`,
          [stakeholder, dataset, period, cap],
        );
        const row = res.rows[0]!;
        const newAlerts = await raiseThresholds(client, { stakeholder, dataset, period }, row, null, caller);
        await audit(client, caller, {
          action: 'privacy_budget.set_cap', subject: `${stakeholder}/${dataset}/${period}`, purpose: 'budget_administration', outcome: 'SUCCESS',
          details: { previousCap: fromNumeric(before.rows[0]?.epsilon_cap ?? policy.epsilonCap), cap },
        });
        return { status: 200, body: { stakeholder, dataset, period, category: policy.category, epsilonPerRelease: policy.epsilonPerRelease, ...budgetView(row) }, outcome: 'cap_changed', newAlerts };
      });
    },

    async auditDenied(caller, action, subject, code) {
      await inTransaction((client) => audit(client, caller, { action, subject, purpose: null, outcome: 'DENIED', details: { code } }));
    },
  };
}
