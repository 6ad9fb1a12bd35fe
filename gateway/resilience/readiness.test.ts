import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  healthUrlOf,
  probeHealthz,
  SubgraphReadiness,
  subgraphsOfSupergraph,
  type SubgraphProbe,
} from './readiness';

const SUBGRAPHS = [
  { name: 'identity', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'wearables', url: 'http://127.0.0.1:4004/graphql' },
];

describe('SubgraphReadiness', () => {
  function setup(up: Record<string, boolean>) {
    let now = 0;
    const calls: string[] = [];
    const probe: SubgraphProbe = async (url) => {
      calls.push(url);
      return up[url] ?? false;
    };
    const readiness = new SubgraphReadiness({
      timeoutMs: 50,
      cacheMs: 1_000,
      probe,
      now: () => now,
    });
    return { readiness, calls, advance: (ms: number) => (now += ms) };
  }

  it('is not ready before a supergraph is loaded', async () => {
    const { readiness } = setup({});
    expect(await readiness.check()).toEqual({ ready: false, composed: false, unreachable: [] });
  });

  it('is ready when every subgraph answers, and names those that do not', async () => {
    const up = {
      'http://127.0.0.1:4001/healthz': true,
      'http://127.0.0.1:4004/healthz': false,
    };
    const { readiness } = setup(up);
    readiness.supergraphLoaded(SUBGRAPHS);
    expect(await readiness.check()).toEqual({
      ready: false,
      composed: true,
      unreachable: ['wearables'],
    });
  });

  it('serves one result for cacheMs and shares a running check between probes', async () => {
    const up: Record<string, boolean> = {
      'http://127.0.0.1:4001/healthz': true,
      'http://127.0.0.1:4004/healthz': true,
    };
    const { readiness, calls, advance } = setup(up);
    readiness.supergraphLoaded(SUBGRAPHS);
    const [a, b] = await Promise.all([readiness.check(), readiness.check()]);
    expect(a.ready && b.ready).toBe(true);
    expect(calls).toHaveLength(2); // one check: two subgraphs
    up['http://127.0.0.1:4004/healthz'] = false;
    advance(999);
    expect((await readiness.check()).ready).toBe(true);
    expect(calls).toHaveLength(2);
    advance(1);
    expect(await readiness.check()).toMatchObject({ ready: false, unreachable: ['wearables'] });
    expect(calls).toHaveLength(4);
  });

  it('follows a reloaded supergraph: removed subgraphs are no longer checked', async () => {
    const { readiness } = setup({ 'http://127.0.0.1:4001/healthz': true });
    readiness.supergraphLoaded(SUBGRAPHS);
    expect((await readiness.check()).ready).toBe(false);
    readiness.supergraphLoaded([SUBGRAPHS[0]!]);
    expect((await readiness.check()).ready).toBe(true);
  });

  it('counts a probe that throws as unreachable', async () => {
    const readiness = new SubgraphReadiness({
      timeoutMs: 50,
      cacheMs: 0,
      probe: () => Promise.reject(new Error('boom')),
    });
    readiness.supergraphLoaded([SUBGRAPHS[0]!]);
    expect((await readiness.check()).unreachable).toEqual(['identity']);
  });
});

describe('probeHealthz', () => {
  let server: http.Server;
  let base: string;
  let behaviour: 'ok' | 'missing' | 'error' | 'hang' = 'ok';

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      if (behaviour === 'hang') return; // never answers
      res.writeHead(behaviour === 'ok' ? 200 : behaviour === 'missing' ? 404 : 503);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('accepts any answer below 500 and refuses 5xx, silence and closed ports', async () => {
    behaviour = 'ok';
    expect(await probeHealthz(`${base}/healthz`, 1_000)).toBe(true);
    behaviour = 'missing';
    expect(await probeHealthz(`${base}/healthz`, 1_000)).toBe(true);
    behaviour = 'error';
    expect(await probeHealthz(`${base}/healthz`, 1_000)).toBe(false);
    behaviour = 'hang';
    const started = Date.now();
    expect(await probeHealthz(`${base}/healthz`, 100)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await probeHealthz('http://127.0.0.1:1/healthz', 1_000)).toBe(false);
  });
});

describe('supergraph helpers', () => {
  it('reads subgraph names and URLs from the join__Graph enum', () => {
    const sdl = `
      directive @join__graph(name: String!, url: String!) on ENUM_VALUE
      enum join__Graph {
        EHR_FHIR @join__graph(name: "ehr-fhir", url: "http://127.0.0.1:4002/graphql")
        IDENTITY @join__graph(name: "identity", url: "https://id.example/api/graphql")
      }`;
    expect(subgraphsOfSupergraph(sdl)).toEqual([
      { name: 'ehr-fhir', url: 'http://127.0.0.1:4002/graphql' },
      { name: 'identity', url: 'https://id.example/api/graphql' },
    ]);
  });

  it('puts /healthz next to /graphql, under a path prefix too', () => {
    expect(healthUrlOf('http://127.0.0.1:4002/graphql')).toBe('http://127.0.0.1:4002/healthz');
    expect(healthUrlOf('https://h.example/ehr/graphql')).toBe('https://h.example/ehr/healthz');
  });
});
