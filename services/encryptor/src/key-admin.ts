// The key lifecycle commands behind `cwp-keys`, authorised by the operator's role and audited
// (every attempt, allowed or not, is one record in the audit chain). Separation of duties:
//   KEY_CUSTODIAN            rotate-kek, rewrap, rotate-dek, enforce-rotation
//   DATA_PROTECTION_OFFICER  shred, restore (erasure requests and their reversal)
import type { AuditLog } from '@cwp/audit';
import type { Kms, KeyStore } from '@cwp/crypto';
import { AuthorizationError, PlatformError, ValidationError } from '@cwp/errors';

/** Commands and the role each requires. */
export const KEY_COMMANDS = {
  'rotate-kek': 'KEY_CUSTODIAN',
  rewrap: 'KEY_CUSTODIAN',
  'rotate-dek': 'KEY_CUSTODIAN',
  'enforce-rotation': 'KEY_CUSTODIAN',
  shred: 'DATA_PROTECTION_OFFICER',
  restore: 'DATA_PROTECTION_OFFICER',
} as const;
/** A lifecycle command. */
export type KeyCommand = keyof typeof KEY_COMMANDS;

/** Who runs the command and with what. */
export interface KeyAdminDeps {
  readonly keys: KeyStore;
  readonly kms: Kms;
  readonly audit: AuditLog;
  readonly actor: string;
  readonly role: string;
  /** DEKs older than this many days are rotated by enforce-rotation. */
  readonly rotationDays: number;
  readonly now?: () => Date;
}

/** A command's arguments: the subject for per-subject commands, a reason (mandatory for shred/restore), dry-run. */
export interface KeyCommandArgs {
  readonly subjectId?: string;
  readonly reason?: string;
  readonly dryRun?: boolean;
}

/** Runs one command; returns a human summary (ids and counts only, never key material). Throws AuthorizationError when the role may not. */
export async function runKeyCommand(command: KeyCommand, args: KeyCommandArgs, deps: KeyAdminDeps): Promise<string> {
  const needed = KEY_COMMANDS[command];
  const entry = { actor: deps.actor, role: deps.role, action: `keys.${command}`, subject: args.subjectId ?? null, purpose: args.reason ?? null };
  if (deps.role !== needed) {
    await deps.audit.append({ ...entry, outcome: 'DENIED', details: { requiredRole: needed } });
    throw new AuthorizationError('ROLE_NOT_ALLOWED', `${command} needs role ${needed}; you are ${deps.role.slice(0, 40) || '(none)'}`);
  }
  const needsSubject = command === 'rotate-dek' || command === 'shred' || command === 'restore';
  if (needsSubject && !args.subjectId) throw new ValidationError('SUBJECT_REQUIRED', `${command} needs a subject id`);
  if ((command === 'shred' || command === 'restore') && !args.reason?.trim()) throw new ValidationError('REASON_REQUIRED', `${command} needs --reason (e.g. the erasure request reference)`);
  try {
    const { summary, details } = await execute(command, args, deps);
    await deps.audit.append({ ...entry, outcome: 'SUCCESS', details });
    return summary;
  } catch (err) {
    await deps.audit.append({ ...entry, outcome: 'FAILURE', details: { code: err instanceof PlatformError ? err.code : 'ERROR' } }).catch(() => undefined);
    throw err;
  }
}

async function execute(command: KeyCommand, args: KeyCommandArgs, deps: KeyAdminDeps): Promise<{ summary: string; details: Record<string, string | number | boolean> }> {
  const subjectId = args.subjectId ?? '';
  switch (command) {
    case 'rotate-kek': {
      const version = await deps.kms.rotate();
      return { summary: `${deps.kms.kekId}: new wraps use KEK version ${version}; run \`rewrap\` to move existing DEKs`, details: { kekId: deps.kms.kekId, kekVersion: version } };
    }
    case 'rewrap': {
      const r = await deps.keys.rewrapAll();
      return { summary: `${r.rewrapped} DEK version(s) re-wrapped under ${deps.kms.kekId} v${r.kekVersion}; no record was touched`, details: { rewrapped: r.rewrapped, kekVersion: r.kekVersion } };
    }
    case 'rotate-dek': {
      const d = await deps.keys.rotateDek(subjectId);
      return { summary: `subject's DEK now at version ${d.version} (key ${d.keyId}); older versions still decrypt`, details: { keyId: d.keyId, dekVersion: d.version } };
    }
    case 'enforce-rotation': {
      const cutoff = new Date((deps.now ?? (() => new Date()))().getTime() - deps.rotationDays * 86_400_000);
      let rotated = 0;
      let stale = 0;
      for (;;) {
        const batch = await deps.keys.staleSubjects(cutoff, 500);
        stale += batch.length;
        if (args.dryRun || batch.length === 0) break;
        for (const d of batch) { await deps.keys.rotateDek(d.subjectId); rotated += 1; }
        if (batch.length < 500) break;
      }
      return {
        summary: args.dryRun ? `${stale} subject(s) have a DEK older than ${deps.rotationDays} days (dry run)` : `${rotated} subject DEK(s) older than ${deps.rotationDays} days rotated`,
        details: { rotationDays: deps.rotationDays, stale, rotated, dryRun: args.dryRun === true },
      };
    }
    case 'shred': {
      const r = await deps.keys.shred(subjectId, deps.actor, args.reason ?? null);
      return { summary: `subject crypto-shredded: ${r.versions} DEK version(s) destroyed, tombstone written; caches invalidated`, details: { versionsDestroyed: r.versions, keyIds: r.keyIds.join(',') } };
    }
    case 'restore': {
      const had = await deps.keys.restore(subjectId, deps.actor);
      return { summary: had ? 'tombstone cleared: the next event gets a new key (old records stay unreadable)' : 'subject had no tombstone', details: { hadTombstone: had } };
    }
  }
}
