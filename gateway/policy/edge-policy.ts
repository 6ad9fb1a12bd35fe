import { parsePurpose, PURPOSES, type ConsentCategory } from '../../contracts/consent-codes';
import type { ErrorCode } from '../../subgraphs/shared/errors';
import { isAnonymous, type Requester } from '../../subgraphs/shared/requester';
import { parseScopes, scopesReadType, suggestedReadScope } from '../auth/smart-scopes';
import { categoryOfPolicy, isConsentPolicy, resourceTypesExposed } from './category-resources';
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

const PURPOSE_CODES = PURPOSES.map((p) => p.code).join(', ');

/**
 * The consent-guarded part of a field: which FHIR resource types the token's
 * SMART scopes must read, and whether its purpose of use can be granted at all.
 *
 * Scopes are checked against EVERY category the field spans, although its
 * `@policy` alternatives are ORed: the alternatives say which consent opens the
 * field (the subgraph then drops the records of categories not consented), but
 * no subgraph filters records by scope, so the scope must cover all of them.
 */
function decideConsentField(
  requester: Requester,
  coordinate: string,
  policies: string[],
  returnType: string | undefined,
): EdgeDenial | null {
  const categories: ConsentCategory[] = [];
  const unknown: string[] = [];
  for (const policy of policies) {
    const category = categoryOfPolicy(policy);
    if (category === undefined) unknown.push(policy);
    else categories.push(category);
  }
  if (unknown.length > 0) {
    // A category this gateway has no resource types for cannot be checked: fail closed.
    return {
      code: 'FORBIDDEN',
      message: `${coordinate} is guarded by ${unknown.join(', ')}, which this gateway cannot map to FHIR resource types`,
    };
  }
  const types = resourceTypesExposed(categories, returnType);
  if (!types || types.length === 0) {
    return {
      code: 'FORBIDDEN',
      message: `${coordinate} has consent categories without FHIR resource types`,
    };
  }
  const scopes = parseScopes(requester.scopes);
  const missing = types.filter((type) => !scopesReadType(scopes, type));
  if (missing.length > 0) {
    return {
      code: 'FORBIDDEN',
      message: `${coordinate} reads FHIR ${missing.join(', ')}: no scope of the token allows it (needs ${missing.map(suggestedReadScope).join(' ')} or the patient/ or system/ equivalent)`,
    };
  }
  if (parsePurpose(requester.purpose) === undefined) {
    return {
      code: 'CONSENT_REQUIRED',
      message: `${coordinate} needs the patient's consent, which can only be granted for a purpose of use (${PURPOSE_CODES}); the token states none of them`,
    };
  }
  return null;
}

/**
 * What the gateway itself decides about a field before any subgraph is asked:
 * the checks that do not depend on which patient the data belongs to (who is
 * asking, `@requiresScopes`, whether the token's SMART scopes reach the FHIR
 * resource types behind the field's consent categories, whether its purpose of
 * use is one consent can exist for). Consent for a patient is checked again, per
 * record, in the subgraph (defence in depth).
 *
 * `returnType` is the field's named GraphQL type: when it is a FHIR resource type
 * it is the type the field exposes (see category-resources.ts).
 */
export function decideAtEdge(
  requester: Requester,
  coordinate: string,
  policy: FieldPolicy,
  returnType?: string,
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
  const consentPolicies = [...new Set(policy.policies.flat().filter(isConsentPolicy))];
  if (consentPolicies.length > 0)
    return decideConsentField(requester, coordinate, consentPolicies, returnType);
  return null;
}

/**
 * Requesters that get the same edge decisions share rewrite results (cache key):
 * decisions depend on the scopes and on whether the purpose is a known one.
 */
export function edgeRequesterKey(requester: Requester): string {
  if (isAnonymous(requester)) return 'anonymous';
  const purpose = parsePurpose(requester.purpose) === undefined ? '?' : requester.purpose;
  return `${purpose}|${[...requester.scopes].sort().join(' ')}`;
}
