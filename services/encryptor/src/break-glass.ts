// Break-glass access (issue 9): a time-limited grant, with a stated reason, for one named person to
// decrypt records outside the normal reader roles (an emergency with no officer reachable). A
// SECURITY_OFFICER grants it (never to themselves; at most BREAK_GLASS_MAX_MINUTES); it expires by
// itself, since it is only ever read as "valid now"; every grant and every use is audited and
// raises a BREAK_GLASS security alert (key-admin.ts, decrypt-event.ts). Stored in the keys schema
// (libs/crypto/migrations), beside the keys it opens.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AuditLog } from '@cwp/audit';
import { classifyPgError } from '@cwp/db';
import { AuthorizationError, ValidationError } from '@cwp/errors';
import type { SecurityAlertSink } from '@cwp/stream-runtime';

/** The longest a grant may last (the table allows 8 hours; the CLI keeps it shorter). */
export const BREAK_GLASS_MAX_MINUTES = 240;
/** The role that may grant break-glass access. */
export const BREAK_GLASS_GRANTOR_ROLE = 'SECURITY_OFFICER';

/** One grant. */
export interface BreakGlassGrant {
  readonly grantId: string;
  readonly actor: string;
  readonly reason: string;
  readonly grantedBy: string;
  readonly grantedAt: Date;
  readonly expiresAt: Date;
}

/** The grants' store. */
export interface BreakGlassStore {
  /** Records a grant for `actor` lasting `minutes` from `now`. */
  grant(request: { actor: string; reason: string; grantedBy: string; minutes: number; now: Date }): Promise<BreakGlassGrant>;
  /** The grant of `actor` valid at `at` (the latest-expiring one), or null. */
  activeGrant(actor: string, at: Date): Promise<BreakGlassGrant | null>;
}

interface Row { grant_id: string; actor: string; reason: string; granted_by: string; granted_at: Date; expires_at: Date }
const fromRow = (r: Row): BreakGlassGrant => ({ grantId: r.grant_id, actor: r.actor, reason: r.reason, grantedBy: r.granted_by, grantedAt: r.granted_at, expiresAt: r.expires_at });

/** Validates a grant request; a ValidationError says what to fix. */
export function checkGrantRequest(request: { actor: string; reason: string; grantedBy: string; minutes: number }): void {
  if (request.actor.trim() === '') throw new ValidationError('GRANTEE_REQUIRED', 'name the person the grant is for');
  if (request.actor === request.grantedBy) throw new ValidationError('SELF_GRANT', 'a security officer cannot grant break-glass access to themselves');
  if (request.reason.trim().length < 10) throw new ValidationError('REASON_REQUIRED', 'state the reason (at least 10 characters: the incident or case reference and why no officer can read)');
  if (!Number.isInteger(request.minutes) || request.minutes < 1 || request.minutes > BREAK_GLASS_MAX_MINUTES) {
    throw new ValidationError('DURATION_INVALID', `--minutes must be a whole number from 1 to ${BREAK_GLASS_MAX_MINUTES}`);
  }
}

/** The PostgreSQL store over the keys schema. */
export function createPgBreakGlassStore(pool: pg.Pool, schema = 'keys'): BreakGlassStore {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} is not a plain lower-case identifier`);
  const table = `"${schema}".break_glass_grants`;
  return {
    async grant(request) {
      checkGrantRequest(request);
      const expiresAt = new Date(request.now.getTime() + request.minutes * 60_000);
      try {
        const res = await pool.query<Row>(
          `INSERT INTO ${table} (grant_id, actor, reason, granted_by, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
          [randomUUID(), request.actor, request.reason.trim(), request.grantedBy, request.now, expiresAt]);
        return fromRow(res.rows[0]!);
      } catch (err) {
        throw classifyPgError(err);
      }
    },
    async activeGrant(actor, at) {
      try {
        const res = await pool.query<Row>(
          `SELECT * FROM ${table} WHERE actor = $1 AND granted_at <= $2 AND expires_at > $2 ORDER BY expires_at DESC LIMIT 1`, [actor, at]);
        return res.rows[0] ? fromRow(res.rows[0]) : null;
      } catch (err) {
        throw classifyPgError(err);
      }
    },
  };
}

/** Who grants, and where the grant is recorded and announced. */
export interface GrantDeps {
  readonly store: BreakGlassStore;
  readonly audit: AuditLog;
  readonly alerts: SecurityAlertSink;
  /** The operator granting (audited) and their role (must be BREAK_GLASS_GRANTOR_ROLE). */
  readonly actor: string;
  readonly role: string;
  readonly now?: () => Date;
}

/**
 * Grants break-glass access: role check (refusals audited), request checks, the grant row, an audit
 * record and a BREAK_GLASS alert. The alert is part of the grant: if the SOC cannot be told, the
 * command fails after the grant is recorded, and the operator must not hand it over unannounced.
 */
export async function grantBreakGlass(request: { actor: string; reason: string; minutes: number }, deps: GrantDeps): Promise<BreakGlassGrant> {
  const entry = { actor: deps.actor, role: deps.role, action: 'break-glass.grant', subject: null, purpose: request.reason.trim() || null };
  if (deps.role !== BREAK_GLASS_GRANTOR_ROLE) {
    await deps.audit.append({ ...entry, outcome: 'DENIED', details: { grantee: request.actor, requiredRole: BREAK_GLASS_GRANTOR_ROLE } });
    throw new AuthorizationError('ROLE_NOT_ALLOWED', `break-glass grants need role ${BREAK_GLASS_GRANTOR_ROLE}; you are ${deps.role.slice(0, 40) || '(none)'}`);
  }
  const now = (deps.now ?? (() => new Date()))();
  const grant = await deps.store.grant({ ...request, grantedBy: deps.actor, now });
  await deps.audit.append({ ...entry, outcome: 'SUCCESS', details: { grantId: grant.grantId, grantee: grant.actor, minutes: request.minutes, expiresAt: grant.expiresAt.toISOString() } });
  await deps.alerts.raise({
    alertId: randomUUID(), category: 'BREAK_GLASS', severity: 'HIGH', service: 'cwp-break-glass', principal: grant.actor,
    description: `Break-glass decryption access granted for ${request.minutes} min by ${deps.actor}; every use is audited and alerted.`,
    occurredAt: now.getTime(),
    attributes: { event: 'grant', grantId: grant.grantId, grantedBy: deps.actor, expiresAt: grant.expiresAt.toISOString() },
  });
  return grant;
}
