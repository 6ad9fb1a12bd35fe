import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../subgraphs/shared/config/project-paths';
import type { RegisteredOperation } from '../limits/persisted-queries';
import { loadSafelist } from '../limits/safelist-file';

/** The operations clients are known to send, under version control (one `.graphql` each). */
export const DEFAULT_OPERATIONS_DIR = path.join(PROJECT_ROOT, 'gateway', 'operations');

export interface OperationRegistry {
  operations: RegisteredOperation[];
  problems: string[];
}

/**
 * Where the registry is read from by default: gateway/operations/ and, when set,
 * the gateway's persisted-query safelist (SAFELIST_FILE), which lists exactly
 * the operations clients may run.
 */
export function defaultOperationSources(env: NodeJS.ProcessEnv = process.env): string[] {
  const sources: string[] = [];
  if (fs.existsSync(DEFAULT_OPERATIONS_DIR)) sources.push(DEFAULT_OPERATIONS_DIR);
  if (env.SAFELIST_FILE) sources.push(path.resolve(env.SAFELIST_FILE));
  return sources;
}

/**
 * Reads every source with the safelist reader (gateway/limits/safelist-file.ts:
 * Apollo persisted-query manifests, id-to-text maps, folders of `.graphql`
 * files), so the registry and the safelist share one format. An empty folder is
 * an empty registry, not a problem.
 */
export function loadOperationRegistry(sources: readonly string[]): OperationRegistry {
  const operations: RegisteredOperation[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const loaded = loadSafelist(path.resolve(source));
    problems.push(
      ...loaded.problems
        .filter((p) => !p.endsWith('holds no operation'))
        .map((p) => `${source}: ${p}`),
    );
    for (const operation of loaded.operations) {
      // The same text registered twice (safelist and folder) is checked once.
      if (seen.has(operation.hash)) continue;
      seen.add(operation.hash);
      operations.push(operation);
    }
  }
  return { operations, problems };
}
