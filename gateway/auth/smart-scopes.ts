/**
 * SMART App Launch scopes for clinical data
 * (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html):
 * `<context>/<ResourceType|*>.<permissions>[?<search params>]`.
 *
 * v2 permissions are a subset of `cruds` (create, read, update, delete, search);
 * v1 permissions are `read`, `write` or `*`. Both are understood: v1 `read` is v2
 * `rs`, `write` is `cud`, `*` is everything. Scopes that are not resource scopes
 * (`openid`, `fhirUser`, `launch/patient`, `offline_access`, ...) and malformed
 * ones grant nothing; they are ignored rather than refused because identity
 * providers routinely add their own.
 */

export type ScopeContext = 'patient' | 'user' | 'system';
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceScope {
  raw: string;
  context: ScopeContext;
  /** A FHIR resource type, or `*` for every type. */
  resourceType: string;
  permissions: ReadonlySet<Permission>;
  version: 1 | 2;
  /**
   * SMART v2 granular constraints (`patient/Observation.rs?category=laboratory`),
   * as [name, value] pairs; empty for a scope over the whole type.
   */
  constraints: readonly (readonly [string, string])[];
}

// Resource types are case-sensitive in FHIR; the context is matched case-insensitively.
const SCOPE = /^([A-Za-z]+)\/(\*|[A-Z][A-Za-z]{1,63})\.([^?\s]+)(?:\?(\S*))?$/;
const CONTEXTS = new Set<string>(['patient', 'user', 'system']);
const V1_PERMISSIONS: Record<string, readonly Permission[]> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

function permissionsOf(text: string): { permissions: Permission[]; version: 1 | 2 } | null {
  const v1 = V1_PERMISSIONS[text.toLowerCase()];
  if (v1) return { permissions: [...v1], version: 1 };
  // v2 asks for the letters in `cruds` order; other orders are accepted (the meaning
  // is unambiguous) but a repeated or unknown letter makes the scope malformed.
  if (!/^[cruds]{1,5}$/.test(text)) return null;
  const letters = [...text] as Permission[];
  if (new Set(letters).size !== letters.length) return null;
  return { permissions: letters, version: 2 };
}

/** One scope string, or null when it is not a (well-formed) SMART resource scope. */
export function parseScope(raw: string): ResourceScope | null {
  const match = SCOPE.exec(raw.trim());
  if (!match) return null;
  const [, context, resourceType, permissionText, query] = match as unknown as [
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if (!CONTEXTS.has(context.toLowerCase())) return null;
  const parsed = permissionsOf(permissionText);
  if (!parsed) return null;
  // v1 had no search-parameter constraints: `patient/Observation.read?x=y` is malformed.
  if (query !== undefined && parsed.version === 1) return null;
  const constraints: [string, string][] = [];
  if (query !== undefined) {
    const params = new URLSearchParams(query);
    for (const [name, value] of params) constraints.push([name, value]);
    // A `?` with nothing usable behind it still announces a restriction we cannot read.
    if (constraints.length === 0) constraints.push(['', query]);
  }
  return {
    raw,
    context: context.toLowerCase() as ScopeContext,
    resourceType,
    permissions: new Set(parsed.permissions),
    version: parsed.version,
    constraints,
  };
}

/** The resource scopes among a token's scopes; everything else is dropped. */
export function parseScopes(scopes: Iterable<string>): ResourceScope[] {
  const parsed: ResourceScope[] = [];
  for (const scope of scopes) {
    const resourceScope = parseScope(scope);
    if (resourceScope) parsed.push(resourceScope);
  }
  return parsed;
}

/**
 * Whether one scope lets its holder read every record of `resourceType`.
 *
 * A GraphQL field is both a FHIR read (a patient's name) and a search (a
 * patient's conditions), so `r` or `s` is enough; requiring one or the other per
 * field would split hairs clients cannot see. A scope with search-parameter
 * constraints (`?category=laboratory`) allows only some records of the type and
 * the gateway cannot filter a field's records by them, so it is not enough on its
 * own: failing closed beats returning records the scope excluded.
 */
export function scopeReadsType(scope: ResourceScope, resourceType: string): boolean {
  if (scope.resourceType !== '*' && scope.resourceType !== resourceType) return false;
  if (!scope.permissions.has('r') && !scope.permissions.has('s')) return false;
  return scope.constraints.length === 0;
}

export function scopesReadType(scopes: readonly ResourceScope[], resourceType: string): boolean {
  return scopes.some((scope) => scopeReadsType(scope, resourceType));
}

/** The scope a client should ask for to read a type, for error messages. */
export function suggestedReadScope(resourceType: string): string {
  return `user/${resourceType}.rs`;
}
