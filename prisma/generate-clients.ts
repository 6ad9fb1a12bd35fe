import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import prismaPackage from 'prisma/package.json';
import { PROVIDERS, STORES, schemaSourcePath } from './stores';
import { runPrisma, writeProviderSchema } from './prisma-cli';

const STAMP_FILE = '.patientgraph-source-hash';

function sourceHash(store: string): string {
  const prismaVersion = prismaPackage.version;
  return createHash('sha256')
    .update(prismaVersion)
    .update(fs.readFileSync(schemaSourcePath(store)))
    .digest('hex');
}

/**
 * Generates the Prisma client of every store for every provider. A client whose
 * schema and Prisma version are unchanged since its last generation is skipped,
 * so running this on every start costs nothing after the first time.
 */
export async function generateClients(
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<string[]> {
  const jobs = STORES.flatMap((store) => PROVIDERS.map((provider) => ({ store, provider })));
  const generated: string[] = [];
  const pending = jobs.filter(({ store, provider }) => {
    const { clientDir } = writeProviderSchema(store, provider);
    const stamp = path.join(clientDir, STAMP_FILE);
    return (
      options.force || !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== sourceHash(store)
    );
  });
  // Two at a time: each generate is one CPU-bound process, and we plan for 2 cores.
  const queue = [...pending];
  async function worker(): Promise<void> {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const files = writeProviderSchema(job.store, job.provider);
      await runPrisma(['generate', '--config', files.config]);
      fs.writeFileSync(path.join(files.clientDir, STAMP_FILE), sourceHash(job.store));
      generated.push(`${job.store}/${job.provider}`);
      options.log?.(`generated Prisma client ${job.store} (${job.provider})`);
    }
  }
  await Promise.all([worker(), worker()]);
  return generated;
}
