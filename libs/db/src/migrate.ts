// Schema migrations with node-pg-migrate (a maintained migration tool): each component keeps its
// SQL migrations in its own folder and its own PostgreSQL schema, with its own migrations table,
// so components migrate independently and a test can migrate a private schema of its own.
import { runner } from 'node-pg-migrate';

/** Where a component's migrations live and which schema they build. */
export interface MigrateOptions {
  readonly databaseUrl: string;
  /** Folder of `<timestamp>_<name>.sql` files with `-- Up Migration` / `-- Down Migration` sections. */
  readonly dir: string;
  /** PostgreSQL schema the migrations run in (search_path); created when missing. */
  readonly schema: string;
}

/** Applies every pending migration of `dir` to `schema`; returns the names applied. Idempotent. */
export async function migrate(options: MigrateOptions): Promise<string[]> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`schema name ${JSON.stringify(options.schema)} is not a plain lower-case identifier`);
  const applied = await runner({
    databaseUrl: options.databaseUrl,
    dir: options.dir,
    direction: 'up',
    schema: options.schema,
    createSchema: true,
    migrationsSchema: options.schema,
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    singleTransaction: true,
    // One advisory lock serialises every migration run in the database: wait for it rather than
    // fail when another component (or a parallel test) is migrating its own schema.
    advisoryLockMode: 'wait',
    log: () => undefined,
  });
  return applied.map((m) => m.name);
}
