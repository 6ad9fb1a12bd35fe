import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './helpers/temp-dir';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * Entity resolution is batched end to end: for a page of N patients the gateway
 * makes ONE `_entities` call to each vendor subgraph (one per query level), and
 * each subgraph answers every Patient field for all N with one store query per
 * batch, so the number of store queries does not grow with N.
 *
 * Counted, not assumed: every process of the real stack runs with a preload
 * (bench/harness/store-query-recorder.js) that records each /graphql request it
 * serves and each SQL statement its store executes while serving it, at the
 * SQLite driver every store path shares.
 */
const RECORDER = path.join(__dirname, '..', 'bench', 'harness', 'store-query-recorder.js');

const SUMMARY = `query Page($first: Int!, $from: String!, $to: String!) {
  patients(first: $first) {
    edges { node {
      id name { family given } birthDate gender
      encounters(first: 5) { id period { start } }
      conditions { id code { coding { system code } } }
      observations(category: "laboratory", first: 20) { id valueQuantity { value unit } }
      labResults(first: 20) { id valueQuantity { value unit } }
      visits(first: 5) { id class { code } }
      heartRate(from: $from, to: $to, bucket: "1d") { unit buckets { count mean } }
      glucose(from: $from, to: $to, bucket: "1d") { unit buckets { count mean } metrics { readings } }
      steps(from: $from, to: $to, bucket: "1d") { total buckets { sum } }
      sleep(from: $from, to: $to) { start durationMinutes }
      bloodPressure(from: $from, to: $to) { readings { systolic diastolic } }
    } }
  }
}`;

// As the recorder names them: folder and file (each audit log is data/audit/<service>.db).
const VENDOR_STORES = {
  'ehr-fhir': 'data/ehr-fhir.db',
  'ehr-hl7v2': 'data/ehr-hl7v2.db',
  wearables: 'data/wearables.db',
};
type Service = 'identity' | keyof typeof VENDOR_STORES;

interface Line {
  pid: number;
  service: string;
  kind: 'request' | 'statement';
  request: number;
  db?: string;
  verb?: string;
}

interface Counts {
  /** GraphQL requests each subgraph served (for a vendor: `_entities` calls). */
  requests: Record<Service, number>;
  /** Statements each subgraph ran against its own store while serving them. */
  storeQueries: Record<Service, number>;
}

describe('batched entity resolution', () => {
  const temp = makeTempDir('batching');
  const log = path.join(temp.dir, 'store-queries.ndjson');
  let t: TestStack;
  let token: string;

  beforeAll(async () => {
    fs.writeFileSync(log, '');
    t = await startTestStack({
      size: 4,
      env: { NODE_OPTIONS: `--require ${RECORDER}`, STORE_QUERY_LOG: log },
    });
    token = await t.token({ org: 'riverside-health' });
  }, 240_000);

  afterAll(async () => {
    await t?.stop();
    temp.cleanup();
  });

  /** Runs the page query for `first` patients and counts what it caused in every subgraph. */
  async function countFor(first: number) {
    const offset = fs.statSync(log).size;
    const result = await t.graphql<{
      patients: {
        edges: {
          node: {
            id: string;
            conditions: unknown[] | null;
            visits: unknown[] | null;
            observations: unknown[] | null;
          };
        }[];
      };
    }>(
      SUMMARY,
      { first, from: '2026-11-18T00:00:00-05:00', to: '2026-11-20T00:00:00-05:00' },
      token,
    );
    // Statement lines are written synchronously before a response leaves; nothing is pending.
    const lines = fs
      .readFileSync(log, 'utf8')
      .slice(offset)
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
    const services: Service[] = ['identity', 'ehr-fhir', 'ehr-hl7v2', 'wearables'];
    const storeOf = (s: Service) => (s === 'identity' ? 'data/identity.db' : VENDOR_STORES[s]);
    const counts: Counts = {
      requests: Object.fromEntries(
        services.map((s) => [
          s,
          lines.filter((l) => l.service === s && l.kind === 'request').length,
        ]),
      ) as Record<Service, number>,
      storeQueries: Object.fromEntries(
        services.map((s) => [
          s,
          lines.filter((l) => l.service === s && l.kind === 'statement' && l.db === storeOf(s))
            .length,
        ]),
      ) as Record<Service, number>,
    };
    return { result, counts };
  }

  const SERVICES = ['identity', 'ehr-fhir', 'ehr-hl7v2', 'wearables'] as const;
  let one: Awaited<ReturnType<typeof countFor>>;
  let four: Awaited<ReturnType<typeof countFor>>;

  beforeAll(async () => {
    await countFor(1); // warm-up: lazily prepared state is not what is measured
    one = await countFor(1);
    four = await countFor(4);
  }, 60_000);

  it('answers a page of 1 and a page of 4 patients with every record', () => {
    for (const { result } of [one, four]) expect(result.errors).toBeUndefined();
    const nodes = four.result.data!.patients.edges.map((e) => e.node);
    expect(nodes).toHaveLength(4);
    // The batch really carried four patients' records from each EHR (every synthetic
    // person has hospital visits and recent labs; not everyone has a condition).
    expect(nodes.every((n) => (n.visits?.length ?? 0) > 0)).toBe(true);
    expect(nodes.every((n) => (n.observations?.length ?? 0) > 0)).toBe(true);
    expect(nodes.filter((n) => (n.conditions?.length ?? 0) > 0).length).toBeGreaterThan(1);
  });

  // One case per subgraph, so a failure names the subgraph that does not batch.
  it.each(SERVICES)(
    '%s: one call per query level, the same store queries for 4 patients as for 1',
    (service) => {
      // Level 1 is identity (the page), level 2 one `_entities` fetch per vendor subgraph.
      expect(one.counts.requests[service]).toBe(1);
      expect(four.counts.requests[service]).toBe(1);
      // The counter sees the store (a subgraph answering from nowhere would read 0)...
      expect(one.counts.storeQueries[service]).toBeGreaterThan(0);
      // ...and four patients cost the store exactly the queries one patient costs.
      expect(four.counts.storeQueries[service]).toBe(one.counts.storeQueries[service]);
    },
  );
});
