import { Kind, parse, type ConstDirectiveNode, type ConstValueNode } from 'graphql';

/** What the supergraph says about who may see one field (`Type.field`). */
export interface FieldPolicy {
  /** `@policy(policies: [[a, b], [c]])`: (a AND b) OR c. */
  policies: string[][];
  /** `@authenticated`. */
  authenticated: boolean;
  /** `@requiresScopes(scopes: [[a, b], [c]])`: (a AND b) OR c. */
  scopes: string[][];
}

export type FieldPolicies = ReadonlyMap<string, FieldPolicy>;

function stringMatrix(value: ConstValueNode | undefined): string[][] {
  if (!value || value.kind !== Kind.LIST) return [];
  return value.values.map((inner) =>
    inner.kind === Kind.LIST
      ? inner.values
          .filter((v) => v.kind === Kind.STRING)
          .map((v) => (v as { value: string }).value)
      : inner.kind === Kind.STRING
        ? [inner.value]
        : [],
  );
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

/**
 * Reads the access-control directives of a composed supergraph (the Apollo
 * `@policy`, `@authenticated` and `@requiresScopes` specs), keyed by field
 * coordinate. Composition copies them from the subgraphs onto the supergraph's
 * fields; the `@link(... for: SECURITY)` declares that a gateway must enforce them.
 */
export function readFieldPolicies(supergraphSdl: string): Map<string, FieldPolicy> {
  const document = parse(supergraphSdl);
  const names = {
    policy: 'policy',
    authenticated: 'authenticated',
    requiresScopes: 'requiresScopes',
  };
  // Respect renames from `@link(url: ".../policy/v0.1", as: "x")`.
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION)
      continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = argument(directive, 'url');
      const as = argument(directive, 'as');
      if (url?.kind !== Kind.STRING || as?.kind !== Kind.STRING) continue;
      if (url.value.includes('/policy/')) names.policy = as.value;
      if (url.value.includes('/authenticated/')) names.authenticated = as.value;
      if (url.value.includes('/requiresScopes/')) names.requiresScopes = as.value;
    }
  }
  const policies = new Map<string, FieldPolicy>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const policy: FieldPolicy = { policies: [], authenticated: false, scopes: [] };
      for (const directive of field.directives ?? []) {
        const name = directive.name.value;
        if (name === names.policy)
          policy.policies.push(...stringMatrix(argument(directive, 'policies')));
        else if (name === names.authenticated) policy.authenticated = true;
        else if (name === names.requiresScopes)
          policy.scopes.push(...stringMatrix(argument(directive, 'scopes')));
      }
      if (policy.policies.length || policy.authenticated || policy.scopes.length) {
        policies.set(`${definition.name.value}.${field.name.value}`, policy);
      }
    }
  }
  return policies;
}
