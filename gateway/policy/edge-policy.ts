import type { ErrorCode } from '../../subgraphs/shared/errors';
import { isAnonymous, type Requester } from '../../subgraphs/shared/requester';
import type { FieldPolicy } from './supergraph-policies';

export interface EdgeDenial {
  code: ErrorCode;
  message: string;
}

/** Whether the requester's scopes satisfy one of the alternatives (each an AND of scopes). */
function satisfiesScopes(requester: Requester, alternatives: string[][]): boolean {
  const held = new Set(requester.scopes);
  return alternatives.some((all) => all.every((scope) => held.has(scope)));
}

/**
 * What the gateway itself decides about a field before any subgraph is asked:
 * the checks that do not depend on which patient the data belongs to. Consent
 * for a patient is checked again, per record, in the subgraph (defence in depth).
 */
export function decideAtEdge(
  requester: Requester,
  coordinate: string,
  policy: FieldPolicy,
): EdgeDenial | null {
  const guarded = policy.authenticated || policy.policies.length > 0 || policy.scopes.length > 0;
  if (guarded && isAnonymous(requester)) {
    return {
      code: 'UNAUTHENTICATED',
      message: `${coordinate} is protected: a verified requester (bearer token) is required`,
    };
  }
  if (policy.scopes.length > 0 && !satisfiesScopes(requester, policy.scopes)) {
    return { code: 'FORBIDDEN', message: `${coordinate} requires scopes the token does not hold` };
  }
  return null;
}

/** Requesters that get the same edge decisions share rewrite results (cache key). */
export function edgeRequesterKey(requester: Requester): string {
  if (isAnonymous(requester)) return 'anonymous';
  return `${requester.purpose}|${[...requester.scopes].sort().join(' ')}`;
}
