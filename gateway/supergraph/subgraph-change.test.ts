import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { SubgraphEndpoint } from '../config';
import type { RegisteredOperation } from '../limits/persisted-queries';
import { sha256Hex } from '../limits/persisted-queries';
import {
  nextSubgraphList,
  planSubgraphChange,
  refusalsOf,
  SubgraphChangeError,
} from './subgraph-change';
import { supergraphFileText } from './supergraph-file';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])';

const SDL: Record<string, string> = {
  patients: `${LINK}
    type Query { patient(id: ID!): Patient }
    type Patient @key(fields: "id") { id: ID! }`,
  radiology: `${LINK}
    type Patient @key(fields: "id") { id: ID! radiologyReports: [Report!] }
    type Report { id: ID! modality: String conclusion: String status: Status }
    enum Status { FINAL PRELIMINARY }`,
  // The partner drops `conclusion` and an enum value.
  radiologyNarrower: `${LINK}
    type Patient @key(fields: "id") { id: ID! radiologyReports: [Report!] }
    type Report { id: ID! modality: String status: Status }
    enum Status { FINAL }`,
  // Keeps every field, drops only an enum value no operation names.
  radiologyNoPreliminary: `${LINK}
    type Patient @key(fields: "id") { id: ID! radiologyReports: [Report!] }
    type Report { id: ID! modality: String conclusion: String status: Status }
    enum Status { FINAL }`,
  // Clashes with `patients`: Patient.id of another type.
  clashing: `${LINK}
    type Patient @key(fields: "id") { id: String! note: String }`,
};

/** A supergraph file of the named subgraphs, each serving the SDL named beside it. */
function composed(subgraphs: [string, string][]): string {
  const result = composeServices(
    subgraphs.map(([name, sdl]) => ({
      name,
      url: `http://${name}.test/graphql`,
      typeDefs: parse(SDL[sdl]!),
    })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return supergraphFileText(result.supergraphSdl, 'test');
}

function operation(id: string, body: string): RegisteredOperation {
  return { id, body, hash: sha256Hex(body), source: `${id}.graphql` };
}

const REPORTS = operation(
  'reports',
  'query Reports($id: ID!) { patient(id: $id) { radiologyReports { id conclusion } } }',
);

/** Serves the SDL named for each subgraph, as a running subgraph's `_service` would. */
const serving =
  (served: Record<string, string>) =>
  async (endpoint: SubgraphEndpoint): Promise<string> => {
    const sdl = served[endpoint.name];
    if (!sdl) throw new Error('connection refused');
    return SDL[sdl]!;
  };

describe('nextSubgraphList', () => {
  const current = [{ name: 'patients', url: 'http://patients.test/graphql' }];

  it('adds, updates and removes', () => {
    expect(
      nextSubgraphList(current, { action: 'add', name: 'radiology', url: 'http://r.test/graphql' }),
    ).toEqual([...current, { name: 'radiology', url: 'http://r.test/graphql' }]);
    expect(nextSubgraphList(current, { action: 'update', name: 'patients' })).toEqual(current);
    expect(
      nextSubgraphList(current, { action: 'update', name: 'patients', url: 'https://p2.test/' }),
    ).toEqual([{ name: 'patients', url: 'https://p2.test/' }]);
  });

  it.each([
    [{ action: 'add' as const, name: 'patients', url: 'http://x.test/' }, 'already has'],
    [{ action: 'add' as const, name: 'Radiology', url: 'http://x.test/' }, 'lower-case'],
    [{ action: 'add' as const, name: 'radiology' }, 'needs the subgraph URL'],
    [{ action: 'add' as const, name: 'radiology', url: 'not a url' }, 'is not a URL'],
    [{ action: 'add' as const, name: 'radiology', url: 'ftp://x.test/' }, 'must be http(s)'],
    [{ action: 'update' as const, name: 'radiology' }, 'has no subgraph "radiology"'],
    [{ action: 'remove' as const, name: 'radiology' }, 'has no subgraph "radiology"'],
    [{ action: 'remove' as const, name: 'patients' }, 'only subgraph'],
  ])('refuses %j', (change, message) => {
    expect(() => nextSubgraphList(current, change)).toThrow(SubgraphChangeError);
    expect(() => nextSubgraphList(current, change)).toThrow(message);
  });
});

describe('planSubgraphChange', () => {
  const withRadiology = composed([
    ['patients', 'patients'],
    ['radiology', 'radiology'],
  ]);

  it('composes an added subgraph; nothing registered breaks', async () => {
    const plan = await planSubgraphChange({
      change: { action: 'add', name: 'radiology', url: 'http://radiology.test/graphql' },
      currentSupergraphSdl: composed([['patients', 'patients']]),
      fetchSdl: serving({ patients: 'patients', radiology: 'radiology' }),
      operations: [],
    });
    expect(plan.compositionErrors).toEqual([]);
    expect(plan.subgraphs.map((s) => s.name)).toEqual(['patients', 'radiology']);
    expect(plan.supergraphSdl).toContain('radiologyReports: [Report!]');
    expect(plan.breakingChanges).toEqual([]);
    expect(refusalsOf(plan)).toEqual([]);
  });

  it('refuses an update that removes a field a registered operation uses', async () => {
    const plan = await planSubgraphChange({
      change: { action: 'update', name: 'radiology' },
      currentSupergraphSdl: withRadiology,
      fetchSdl: serving({ patients: 'patients', radiology: 'radiologyNarrower' }),
      operations: [REPORTS],
    });
    expect(plan.brokenOperations).toEqual([
      {
        id: 'reports',
        source: 'reports.graphql',
        errors: ['Cannot query field "conclusion" on type "Report".'],
      },
    ]);
    expect(plan.breakingChanges.map((c) => c.type).sort()).toEqual([
      'FIELD_REMOVED',
      'VALUE_REMOVED_FROM_ENUM',
    ]);
    expect(refusalsOf(plan)).toEqual(['1 registered operation(s) would break']);
  });

  it('reports unused breaking changes as warnings, refused only with strict', async () => {
    const plan = await planSubgraphChange({
      change: { action: 'update', name: 'radiology' },
      currentSupergraphSdl: withRadiology,
      fetchSdl: serving({ patients: 'patients', radiology: 'radiologyNoPreliminary' }),
      operations: [REPORTS],
    });
    expect(plan.brokenOperations).toEqual([]);
    expect(plan.breakingChanges).toEqual([
      {
        type: 'VALUE_REMOVED_FROM_ENUM',
        description: 'PRELIMINARY was removed from enum type Status.',
      },
    ]);
    expect(refusalsOf(plan)).toEqual([]);
    expect(refusalsOf(plan, { strict: true })).toEqual(['1 breaking schema change(s) (--strict)']);
  });

  it('refuses a removal that breaks registered operations', async () => {
    const plan = await planSubgraphChange({
      change: { action: 'remove', name: 'radiology' },
      currentSupergraphSdl: withRadiology,
      fetchSdl: serving({ patients: 'patients' }),
      operations: [REPORTS],
    });
    expect(plan.subgraphs.map((s) => s.name)).toEqual(['patients']);
    expect(plan.brokenOperations.map((o) => o.id)).toEqual(['reports']);
  });

  it('reports composition errors', async () => {
    const plan = await planSubgraphChange({
      change: { action: 'add', name: 'clashing', url: 'http://clashing.test/graphql' },
      currentSupergraphSdl: composed([['patients', 'patients']]),
      fetchSdl: serving({ patients: 'patients', clashing: 'clashing' }),
      operations: [],
    });
    expect(plan.supergraphSdl).toBeUndefined();
    expect(plan.compositionErrors.join('\n')).toContain('Patient.id');
    expect(refusalsOf(plan)[0]).toMatch(/^composition failed/);
  });

  it('says when the supergraph would not change, and keeps registry staleness apart', async () => {
    const stale = operation('gone', '{ patient(id: "1") { nickname } }');
    const plan = await planSubgraphChange({
      change: { action: 'update', name: 'radiology' },
      currentSupergraphSdl: withRadiology,
      fetchSdl: serving({ patients: 'patients', radiology: 'radiology' }),
      operations: [REPORTS, stale],
    });
    expect(plan.unchanged).toBe(true);
    expect(plan.brokenOperations).toEqual([]);
    expect(plan.staleOperations.map((o) => o.id)).toEqual(['gone']);
  });

  it('refuses to compose when a subgraph does not answer', async () => {
    await expect(
      planSubgraphChange({
        change: { action: 'add', name: 'radiology', url: 'http://radiology.test/graphql' },
        currentSupergraphSdl: composed([['patients', 'patients']]),
        fetchSdl: serving({ patients: 'patients' }),
        operations: [],
      }),
    ).rejects.toThrow(/radiology \(http:\/\/radiology.test\/graphql\): connection refused/);
  });
});
