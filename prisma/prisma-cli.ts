import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseProvider } from '../subgraphs/shared/store/database-url';
import { GENERATED_DIR, schemaSourcePath } from './stores';
import { schemaForProvider } from './provider-schema';

const PRISMA_BIN = require.resolve('prisma/build/index.js');

/**
 * The Prisma CLI is run with telemetry and update checks off (they call
 * checkpoint.prisma.io) and with the JS/wasm schema engine selected by a config
 * file, because the native schema engine would be downloaded at run time.
 */
export function runPrisma(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_BIN, ...args], {
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        PRISMA_DISABLE_WARNINGS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`prisma ${args.join(' ')} failed (${code}):\n${stderr || stdout}`));
    });
  });
}

export interface ProviderSchemaFiles {
  schema: string;
  config: string;
  clientDir: string;
}

/** Writes the provider-specific schema and the config file the CLI needs for it. */
export function writeProviderSchema(
  store: string,
  provider: DatabaseProvider,
): ProviderSchemaFiles {
  const dir = path.join(GENERATED_DIR, 'prisma');
  fs.mkdirSync(dir, { recursive: true });
  const clientDir = path.join(GENERATED_DIR, store, provider);
  const schema = path.join(dir, `${store}.${provider}.prisma`);
  const config = path.join(dir, `${store}.${provider}.config.ts`);
  const source = fs.readFileSync(schemaSourcePath(store), 'utf8');
  fs.writeFileSync(schema, schemaForProvider(source, provider, clientDir));
  // The adapter here is never connected for generate/diff; it only makes the CLI
  // pick the bundled wasm engine instead of downloading the native one.
  fs.writeFileSync(
    config,
    [
      "import { defineConfig } from 'prisma/config';",
      "import { PrismaLibSQL } from '@prisma/adapter-libsql';",
      'export default defineConfig({',
      '  experimental: { adapter: true },',
      `  schema: ${JSON.stringify(path.basename(schema))},`,
      "  engine: 'js',",
      "  async adapter() { return new PrismaLibSQL({ url: 'file::memory:' }); },",
      '});',
      '',
    ].join('\n'),
  );
  return { schema, config, clientDir };
}
