// Who may replay: only the audit roles, and only a named actor. The check is pure; the CLI audits
// both outcomes (a refusal is an access attempt worth recording).
import { AuthorizationError } from '@cwp/errors';

/** Roles allowed to replay topics (ARCHITECTURE.md, Who uses it: engineers and auditors). */
export const REPLAY_ROLES = ['ENGINEER_AUDIT', 'AUDITOR'] as const;
/** A role allowed to replay. */
export type ReplayRole = (typeof REPLAY_ROLES)[number];

const ROLES: ReadonlySet<string> = new Set(REPLAY_ROLES);

/** Returns the authorised role, or throws AuthorizationError saying what is missing. */
export function authorise(role: string | null, actor: string | null): ReplayRole {
  if (!actor) throw new AuthorizationError('REPLAY_ACTOR_MISSING', 'a replay must name its actor: pass --actor or set OPERATOR');
  if (!role || !ROLES.has(role)) {
    throw new AuthorizationError('REPLAY_ROLE_REFUSED', `role ${role ? JSON.stringify(role.slice(0, 40)) : '(none)'} may not replay topics: one of ${REPLAY_ROLES.join(', ')} is required (--role or REPLAY_ROLE)`);
  }
  return role as ReplayRole;
}
