import { Command } from 'commander';

export function dbCommand(): Command {
  const db = new Command('db').description(
    'Prisma stores: generate clients, migrate, new migrations',
  );

  db.command('generate')
    .description('Generate the Prisma client of every store for SQLite and PostgreSQL')
    .option('--force', 'regenerate even when the schema is unchanged')
    .action(async (options: { force?: boolean }) => {
      const { generateClients } = await import('../../prisma/generate-clients');
      const done = await generateClients({
        force: options.force,
        log: (line) => console.log(line),
      });
      if (done.length === 0) console.log('Prisma clients are up to date');
    });

  db.command('migrate')
    .description('Apply pending migrations to a store (default: every store at its default URL)')
    .argument('[store]', 'store name (identity, ehr-fhir, ehr-hl7v2, wearables, audit)')
    .option('--url <url>', 'database URL (file:... or postgresql://...)')
    .action(async (store: string | undefined, options: { url?: string }) => {
      const { STORES, isStoreName } = await import('../../prisma/stores');
      const { migrateDatabase } = await import('../../subgraphs/shared/store/migrate');
      const { defaultDatabaseUrl } = await import('../../subgraphs/shared/config/project-paths');
      const { redactUrl } = await import('../../subgraphs/shared/store/database-url');
      if (store && !isStoreName(store)) throw new Error(`Unknown store "${store}"`);
      if (options.url && !store) throw new Error('--url needs a store name');
      for (const name of store ? [store] : STORES) {
        const url = options.url ?? defaultDatabaseUrl(name);
        const result = await migrateDatabase(name, url);
        console.log(
          `${name}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already there (${redactUrl(url)})`,
        );
      }
    });

  db.command('migration')
    .description('Write a new migration (SQLite and PostgreSQL) from schema changes of a store')
    .argument('<store>', 'store name')
    .argument('<name>', 'snake_case migration name')
    .action(async (store: string, name: string) => {
      const { isStoreName } = await import('../../prisma/stores');
      const { makeMigration } = await import('../../prisma/make-migration');
      if (!isStoreName(store)) throw new Error(`Unknown store "${store}"`);
      const written = await makeMigration(store, name);
      console.log(written.length ? written.map((d) => `wrote ${d}`).join('\n') : 'No changes');
    });

  return db;
}
