import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, EnvReader } from '../../subgraphs/shared/config/env-reader';
import { readLimitsConfig } from './limits-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    read(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

function read(env: Record<string, string>) {
  const reader = new EnvReader('gateway', env);
  const config = readLimitsConfig(reader);
  return reader.done(config);
}

describe('readLimitsConfig', () => {
  it('has defaults that let ordinary operations through', () => {
    expect(read({})).toEqual({
      maxBodyBytes: 1_000_000,
      query: {
        maxDepth: 15,
        maxAliases: 30,
        maxCost: 50_000,
        maxTokens: 10_000,
        weights: { objectCost: 1, scalarCost: 0, defaultListSize: 10 },
      },
      rate: { perMinute: 600, burst: 100, trustProxyHops: 0 },
      persistedQueries: { mode: 'automatic', safelist: [] },
    });
  });

  it('reads every variable', () => {
    const config = read({
      MAX_BODY_BYTES: '2048',
      MAX_QUERY_DEPTH: '5',
      MAX_ALIASES: '0',
      MAX_QUERY_COST: '100',
      MAX_QUERY_TOKENS: '50',
      QUERY_COST_OBJECT: '2',
      QUERY_COST_SCALAR: '0.1',
      QUERY_COST_DEFAULT_LIST_SIZE: '20',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_BURST: '5',
      TRUST_PROXY_HOPS: '1',
      PERSISTED_QUERIES: 'off',
    });
    expect(config.maxBodyBytes).toBe(2048);
    expect(config.query).toEqual({
      maxDepth: 5,
      maxAliases: 0,
      maxCost: 100,
      maxTokens: 50,
      weights: { objectCost: 2, scalarCost: 0.1, defaultListSize: 20 },
    });
    expect(config.rate).toEqual({ perMinute: 0, burst: 5, trustProxyHops: 1 });
    expect(config.persistedQueries.mode).toBe('off');
  });

  it('loads the safelist, and lists every problem at boot', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-limits-'));
    try {
      fs.writeFileSync(path.join(dir, 'ops.json'), JSON.stringify({ me: '{ me { id } }' }));
      const config = read({ PERSISTED_QUERIES: 'safelist', SAFELIST_FILE: dir });
      expect(config.persistedQueries.safelist.map((o) => o.id)).toEqual(['me']);
      expect(
        problemsOf({
          PERSISTED_QUERIES: 'safelist',
          MAX_QUERY_DEPTH: '-1',
          QUERY_COST_SCALAR: '-2',
        }),
      ).toEqual([
        'SAFELIST_FILE is required when PERSISTED_QUERIES=safelist',
        'MAX_QUERY_DEPTH must be >= 0 (got -1)',
        'QUERY_COST_SCALAR must be >= 0 (got -2)',
      ]);
      expect(
        problemsOf({ PERSISTED_QUERIES: 'bogus', SAFELIST_FILE: path.join(dir, 'nope.json') }),
      ).toEqual([
        'PERSISTED_QUERIES must be one of off, automatic, safelist (got "bogus")',
        `SAFELIST_FILE: ${path.join(dir, 'nope.json')} cannot be read`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
