import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

/**
 * How many subgraph fetches a query plan makes when it runs whole, or undefined
 * when that depends on the request (a `Condition` on @include/@skip variables, a
 * `@defer`, a subscription). The gateway's audit uses it to start its commit as the
 * last fetch returns (gateway-audit.ts); an unknown or larger count only means the
 * commit waits for the response, as without it. A walk of a few nodes per request.
 */
export function fetchesOfPlan(plan: QueryPlan): number | undefined {
  return plan.node ? fetchesOf(plan.node) : 0;
}

function fetchesOf(node: PlanNode): number | undefined {
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Flatten':
      return fetchesOf(node.node);
    case 'Sequence':
    case 'Parallel': {
      let total = 0;
      for (const child of node.nodes) {
        const count = fetchesOf(child);
        if (count === undefined) return undefined;
        total += count;
      }
      return total;
    }
    default:
      return undefined;
  }
}
