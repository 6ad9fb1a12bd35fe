import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchCase, CaseResult } from '../bench-case';
import type { BenchOptions } from '../bench-options';
import { startBenchProcess, type BenchProcess } from '../harness/bench-process';
import { measureInterleaved, type ConfigUnderLoad } from '../harness/measure-interleaved';
import { packageVersion } from '../harness/package-version';
import { checkExpectedResponse } from './check-expected-response';
import type { SubgraphUrls } from './federation-subgraphs';
import { loadBenchQuery, loadSupergraphSdl } from './fixtures';
import { rewriteSupergraphUrls } from './supergraph-urls';

// From the snapshot's constant-vus-over-time_result.md, test.sh and workflow (cpuLimit 3).
const PUBLISHED =
  'Published figure for stock Apollo Gateway in the public benchmark ' +
  '(graphql-hive/graphql-gateways-benchmark at e583a1f, constant-vus-over-time): 91 req/s, ' +
  'avg 533 ms, p95 630 ms, with k6 (50 VUs, 60 s) pinned to 1 of 3 CPUs and the gateway ' +
  '(NODE_ENV=production, startStandaloneServer, one cluster worker) to the other 2, over Rust ' +
  'subgraphs. Here both gateways are one process each, the subgraphs are Node, and the load ' +
  'generator shares the same CPUs, unpinned.';

interface GatewayUnderTest {
  key: string;
  label: string;
  baselineKey?: string;
  start(supergraphFile: string, workDir: string): Promise<BenchProcess>;
}

const GATEWAYS: GatewayUnderTest[] = [
  {
    key: 'stock',
    label: `stock @apollo/gateway ${packageVersion('@apollo/gateway')}`,
    start: (supergraphFile, workDir) =>
      startBenchProcess({
        name: 'stock-gateway',
        entry: 'bench/federation/stock-gateway.main.ts',
        env: { SUPERGRAPH_FILE: supergraphFile, HOST: '127.0.0.1', PORT: '0' },
        logDir: workDir,
      }),
  },
  {
    key: 'patientgraph',
    label: 'PatientGraph gateway',
    baselineKey: 'stock',
    start: (supergraphFile, workDir) =>
      startBenchProcess({
        name: 'patientgraph-gateway',
        entry: 'gateway/main.ts',
        env: {
          SUPERGRAPH_FILE: supergraphFile,
          GATEWAY_PORT: '0',
          HOST: '127.0.0.1',
          // Dev secrets (assertion key, token secret) are generated here, not in the user's state.
          PATIENTGRAPH_HOME: path.join(workDir, 'home'),
          // The load comes anonymously from one address: keep the rate limiter running
          // (its cost is part of the measurement) but never let it throttle the benchmark.
          RATE_LIMIT_PER_MINUTE: '1000000000',
          RATE_LIMIT_BURST: '1000000',
        },
        logDir: workDir,
      }),
  },
];

async function runFederation(options: BenchOptions): Promise<CaseResult> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-bench-federation-'));
  const running: BenchProcess[] = [];
  let failed = true;
  try {
    const subgraphs = await startBenchProcess({
      name: 'federation-subgraphs',
      entry: 'bench/federation/subgraphs.main.ts',
      env: { HOST: '127.0.0.1' },
      logDir: workDir,
    });
    running.push(subgraphs);
    const urls = subgraphs.extra.urls as SubgraphUrls;
    const supergraphFile = path.join(workDir, 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, rewriteSupergraphUrls(loadSupergraphSdl(), urls));
    const query = loadBenchQuery();
    const body = JSON.stringify({ query });

    // Both gateways stay up (an idle one costs no CPU) and take turns under load.
    const underLoad: ConfigUnderLoad[] = [];
    for (const gateway of GATEWAYS) {
      options.log(`  starting ${gateway.label}`);
      const server = await gateway.start(supergraphFile, workDir);
      running.push(server);
      await checkExpectedResponse(server.url, gateway.label, query);
      underLoad.push({
        key: gateway.key,
        label: gateway.label,
        baselineKey: gateway.baselineKey,
        request: { url: server.url, body },
        served: { name: `${gateway.key} gateway`, pid: server.pid },
        alsoSampled: [{ name: 'subgraphs (4 in 1 process)', pid: subgraphs.pid }],
      });
    }
    const configs = await measureInterleaved(underLoad, options);
    failed = false;
    return {
      name: 'federation',
      description: federationCase.description,
      settings: {
        connections: options.connections,
        'warm-up': `${options.warmupSeconds} s`,
        measured: `${options.durationSeconds} s per gateway, in alternating slices`,
        operation: 'TestQuery (bench/federation/fixtures/query.graphql), anonymous',
        '@apollo/server': packageVersion('@apollo/server'),
      },
      configs,
      charts: [
        {
          id: 'throughput',
          title: 'Federation benchmark: throughput during the measurement',
          xLabel: 'second of the measurement (slices joined)',
          yLabel: 'requests / s',
          series: configs.map((c) => ({
            name: c.label,
            points: c.load.perSecond.map((n, i): [number, number] => [i + 1, n]),
          })),
        },
      ],
      notes: [PUBLISHED],
    };
  } finally {
    await Promise.all(running.map((p) => p.stop()));
    if (failed) options.log(`  logs kept in ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export const federationCase: BenchCase = {
  name: 'federation',
  description:
    'The public GraphQL federation gateways benchmark (graphql-hive): accounts, inventory, products ' +
    'and reviews subgraphs and its one nested query (87.6 kB response). Stock Apollo Gateway ' +
    '(baseline, no plugins) against the PatientGraph gateway with its plugins on (policy ' +
    'enforcement, signed identity assertion to every subgraph, authentication; requests are ' +
    'anonymous). Both are checked to return the published response before they are measured.',
  run: runFederation,
};
