import fs from 'node:fs';
import path from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../cli/stack/service-process';
import {
  supergraphFileText,
  writeSupergraphFileAtomic,
} from '../gateway/supergraph/supergraph-file';
import { generateAssertionKeyPair } from '../subgraphs/shared/identity-assertion';
import {
  composeFeatureSupergraph,
  startFeatureSubgraphs,
  type FeatureSubgraphs,
} from './fixtures/federation-features/feature-subgraphs';
import { makeTempDir } from './helpers/temp-dir';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const LOAD_QUERY = '{ topProducts { upc name inStock shippingEstimate reviews { rating } } }';
const NEW_FIELD_QUERY = '{ product(upc: "p2") { name restockDate } }';

/**
 * The gateway follows its supergraph file: a new supergraph (here: inventory's
 * version 2, which adds Product.restockDate) is served without a restart while
 * clients keep querying, and not one request fails; a broken file written in
 * between is refused and the previous supergraph keeps serving.
 */
describe('supergraph hot reload', () => {
  const temp = makeTempDir('hot-reload');
  const file = path.join(temp.dir, 'supergraph.graphql');
  let subgraphs: FeatureSubgraphs;
  let gateway: ServiceProcess;

  beforeAll(async () => {
    subgraphs = await startFeatureSubgraphs();
    writeSupergraphFileAtomic(
      file,
      supergraphFileText(composeFeatureSupergraph(subgraphs.endpoints), 'test'),
    );
    gateway = await startServiceProcess({
      name: 'gateway',
      entry: 'gateway/main.ts',
      env: {
        ...process.env,
        PATIENTGRAPH_HOME: temp.dir,
        HOST: '127.0.0.1',
        GATEWAY_PORT: '0',
        SUPERGRAPH_FILE: file,
        GATEWAY_ASSERTION_PRIVATE_KEY: generateAssertionKeyPair().privateKeyPem,
        SUPERGRAPH_WATCH_DEBOUNCE_MS: '50',
        SUPERGRAPH_POLL_INTERVAL_MS: '250',
        RATE_LIMIT_PER_MINUTE: '0',
        LOG_LEVEL: 'info',
      },
      logFile: path.join(temp.dir, 'gateway.log'),
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await subgraphs?.close();
    temp.cleanup();
  });

  async function post(query: string): Promise<{ status: number; body: GraphQLBody }> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  }

  async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const logText = () => fs.readFileSync(path.join(temp.dir, 'gateway.log'), 'utf8');

  it('serves a new supergraph without a restart and without failing a request', async () => {
    const before = await post(NEW_FIELD_QUERY);
    expect(before.status).toBe(400);
    expect(before.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const expected = (await post(LOAD_QUERY)).body;
    expect(expected.errors).toBeUndefined();

    let stop = false;
    let sent = 0;
    const failures: string[] = [];
    const client = async () => {
      while (!stop) {
        sent++;
        try {
          const { status, body } = await post(LOAD_QUERY);
          if (status !== 200 || JSON.stringify(body) !== JSON.stringify(expected))
            failures.push(`${status} ${JSON.stringify(body).slice(0, 300)}`);
        } catch (error) {
          failures.push(`request failed: ${(error as Error).message}`);
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

    await pause(300);
    // A half-written file (as a plain, non-atomic write leaves it) is refused.
    const v2 = supergraphFileText(
      composeFeatureSupergraph(subgraphs.endpoints, { inventoryVersion: 2 }),
      'test',
    );
    fs.writeFileSync(file, v2.slice(0, Math.floor(v2.length / 2)));
    await until(async () => logText().includes('supergraph file rejected'), 5_000);
    expect((await post(NEW_FIELD_QUERY)).status).toBe(400);

    await pause(200);
    writeSupergraphFileAtomic(file, v2);
    await until(async () => (await post(NEW_FIELD_QUERY)).status === 200, 5_000);
    await pause(300);
    stop = true;
    await Promise.all(clients);

    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(20);
    expect((await post(NEW_FIELD_QUERY)).body).toEqual({
      data: { product: { name: 'Couch', restockDate: '2026-12-24' } },
    });
    expect(logText()).toContain('supergraph reloaded');
  }, 30_000);
});
