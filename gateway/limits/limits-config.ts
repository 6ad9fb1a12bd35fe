import path from 'node:path';
import type { EnvReader } from '../../subgraphs/shared/config/env-reader';
import { DEFAULT_COST_WEIGHTS } from './cost';
import {
  PERSISTED_QUERY_MODES,
  type PersistedQueryMode,
  type RegisteredOperation,
} from './persisted-queries';
import type { QueryLimitSettings } from './query-limits';
import type { RateLimitSettings } from './rate-limiter';
import { loadSafelist } from './safelist-file';

export interface GatewayLimitsConfig {
  maxBodyBytes: number;
  query: QueryLimitSettings;
  rate: RateLimitSettings;
  persistedQueries: {
    mode: PersistedQueryMode;
    /** Operations of SAFELIST_FILE (read and checked at boot). */
    safelist: RegisteredOperation[];
  };
}

/**
 * Reads the gateway's abuse limits from the environment (see the README's
 * configuration table). A limit of 0 turns it off. Problems, including every
 * problem of the safelist file, are collected so the gateway refuses to start.
 */
export function readLimitsConfig(env: EnvReader): GatewayLimitsConfig {
  const mode = env.oneOf('PERSISTED_QUERIES', PERSISTED_QUERY_MODES, 'automatic');
  const safelistFile = env.optionalString('SAFELIST_FILE');
  let safelist: RegisteredOperation[] = [];
  if (mode === 'safelist' && !safelistFile)
    env.problem('SAFELIST_FILE is required when PERSISTED_QUERIES=safelist');
  if (safelistFile && mode !== 'off') {
    const loaded = loadSafelist(path.resolve(safelistFile));
    loaded.problems.forEach((p) => env.problem(`SAFELIST_FILE: ${p}`));
    safelist = loaded.operations;
  }
  return {
    maxBodyBytes: env.int('MAX_BODY_BYTES', 1_000_000, { min: 1 }),
    query: {
      maxDepth: env.int('MAX_QUERY_DEPTH', 15, { min: 0 }),
      maxAliases: env.int('MAX_ALIASES', 30, { min: 0 }),
      maxCost: env.int('MAX_QUERY_COST', 50_000, { min: 0 }),
      maxTokens: env.int('MAX_QUERY_TOKENS', 10_000, { min: 0 }),
      weights: {
        objectCost: nonNegative(env, 'QUERY_COST_OBJECT', DEFAULT_COST_WEIGHTS.objectCost),
        scalarCost: nonNegative(env, 'QUERY_COST_SCALAR', DEFAULT_COST_WEIGHTS.scalarCost),
        defaultListSize: env.int(
          'QUERY_COST_DEFAULT_LIST_SIZE',
          DEFAULT_COST_WEIGHTS.defaultListSize,
          {
            min: 0,
          },
        ),
      },
    },
    rate: {
      perMinute: env.int('RATE_LIMIT_PER_MINUTE', 600, { min: 0 }),
      burst: env.int('RATE_LIMIT_BURST', 100, { min: 1 }),
      trustProxyHops: env.int('TRUST_PROXY_HOPS', 0, { min: 0, max: 10 }),
    },
    persistedQueries: { mode, safelist },
  };
}

function nonNegative(env: EnvReader, name: string, fallback: number): number {
  const value = env.number(name, fallback);
  if (value < 0) env.problem(`${name} must be >= 0 (got ${value})`);
  return value;
}
