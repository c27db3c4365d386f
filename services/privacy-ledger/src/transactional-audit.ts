// Audit records written in the ledger's own transaction, so a budget change and its audit record
// commit or roll back together (no spend without its record, no record of a spend that did not
// happen). @cwp/audit's append() takes a connection from the pool it was given and brackets its
// work in BEGIN … COMMIT; here it is given a one-connection "pool" over the ledger's open
// transaction, whose BEGIN / COMMIT / ROLLBACK become a savepoint. The audit head's row lock is
// therefore held until the ledger transaction commits: appends serialise, which the ledger's volume
// (one reservation per release) affords. The audit head is always the last lock a ledger
// transaction takes, so this cannot deadlock with the budget row locks.
// Follow-up for @cwp/audit: an `append(entry, {client})` overload would make this adapter unnecessary.
import type pg from 'pg';
import type { AuditEntry } from '@cwp/audit';
import { createAuditLog } from '@cwp/audit';

/** Maps a transaction-control statement of the audit library to its savepoint equivalent. */
export function savepointStatement(text: string): string {
  const t = text.trim().toUpperCase();
  if (t.startsWith('BEGIN')) return 'SAVEPOINT ledger_audit';
  if (t === 'COMMIT') return 'RELEASE SAVEPOINT ledger_audit';
  if (t === 'ROLLBACK') return 'ROLLBACK TO SAVEPOINT ledger_audit';
  return text;
}

/** Appends `entry` to the audit chain inside the transaction open on `client`. */
export async function appendAuditInTransaction(client: pg.PoolClient, schema: string, entry: AuditEntry): Promise<{ seq: number }> {
  const joined = {
    query: (text: string, values?: unknown[]) => client.query(savepointStatement(text), values),
    release: () => undefined,
  };
  const pool = { connect: () => Promise.resolve(joined) } as unknown as pg.Pool;
  return createAuditLog({ pool, schema }).append(entry);
}
