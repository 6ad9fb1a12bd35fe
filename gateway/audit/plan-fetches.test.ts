import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { fetchesOfPlan } from './plan-fetches';

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];

const fetch = (serviceName: string) => ({
  kind: 'Fetch' as const,
  serviceName,
  operation: '{ __typename }',
  operationName: undefined,
  operationKind: 'query' as never,
});

describe('fetchesOfPlan', () => {
  it('counts the fetches of sequences, parallel steps and flattened entity fetches', () => {
    const plan: QueryPlan = {
      kind: 'QueryPlan',
      node: {
        kind: 'Sequence',
        nodes: [
          fetch('identity'),
          {
            kind: 'Parallel',
            nodes: ['ehr-fhir', 'ehr-hl7v2', 'wearables'].map((name) => ({
              kind: 'Flatten' as const,
              path: ['patient'],
              node: fetch(name),
            })),
          },
        ],
      },
    };
    expect(fetchesOfPlan(plan)).toBe(4);
    expect(fetchesOfPlan({ kind: 'QueryPlan', node: fetch('identity') })).toBe(1);
    expect(fetchesOfPlan({ kind: 'QueryPlan' })).toBe(0);
  });

  it('does not count a plan whose fetches depend on the request (@include / @skip, @defer)', () => {
    const conditional: QueryPlan = {
      kind: 'QueryPlan',
      node: {
        kind: 'Sequence',
        nodes: [
          fetch('identity'),
          { kind: 'Condition', condition: 'withLabs', ifClause: fetch('ehr-fhir') },
        ],
      },
    };
    expect(fetchesOfPlan(conditional)).toBeUndefined();
    const deferred: QueryPlan = {
      kind: 'QueryPlan',
      node: { kind: 'Defer', primary: { node: fetch('identity') }, deferred: [] },
    };
    expect(fetchesOfPlan(deferred)).toBeUndefined();
  });
});
