import type { ApolloServerPlugin } from '@apollo/server';
import { parse, print, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../gateway-context';
import { edgeRequesterKey } from './edge-policy';
import { rewriteForRequester, type RemovedField } from './policy-rewriter';
import { patchRemovedFields } from './response-patcher';
import type { FieldPolicies } from './supergraph-policies';

export interface PolicyState {
  schema: GraphQLSchema;
  policies: FieldPolicies;
}

interface CachedRewrite {
  query: string | null;
  original: DocumentNode | null;
  removed: Map<string, RemovedField>;
}

const CACHE_LIMIT = 2_000;

/**
 * Enforces the supergraph's `@policy` / `@authenticated` / `@requiresScopes` at the
 * edge: the operation is rewritten before Apollo hashes, parses and plans it (so
 * plans are cached per rewritten text, never shared across rights), and the removed
 * fields are put back as null with typed errors when the response leaves.
 * Rewrites are cached per (query, requester class): no per-request schema work for
 * repeated operations.
 */
export function policyEnforcementPlugin(
  getState: () => PolicyState | undefined,
): ApolloServerPlugin<GatewayContext> {
  const cache = new Map<string, CachedRewrite>();
  let cachedFor: PolicyState | undefined;

  const rewrite = (
    state: PolicyState,
    query: string,
    context: GatewayContext,
  ): CachedRewrite | undefined => {
    if (cachedFor !== state) {
      cache.clear(); // the supergraph changed: every decision is recomputed
      cachedFor = state;
    }
    const key = `${edgeRequesterKey(context.requester)}\n${query}`;
    const hit = cache.get(key);
    if (hit) return hit;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return undefined; // Apollo reports the syntax error itself
    }
    const result = rewriteForRequester(document, state.schema, state.policies, context.requester);
    const entry: CachedRewrite = result.document
      ? { query: print(result.document), original: document, removed: result.removed }
      : { query: null, original: null, removed: result.removed };
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
    return entry;
  };

  return {
    async requestDidStart({ request, contextValue }) {
      const state = getState();
      if (!state || typeof request.query !== 'string') return;
      const entry = rewrite(state, request.query, contextValue);
      if (!entry?.query || !entry.original) return;
      request.query = entry.query;
      const original = entry.original;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const errors = patchRemovedFields({
            document: original,
            operationName: request.operationName,
            variables: request.variables,
            schema: state.schema,
            removed: entry.removed,
            data: result.data as Record<string, unknown> | null | undefined,
          });
          if (errors.length) result.errors = [...(result.errors ?? []), ...errors];
        },
      };
    },
  };
}
