/** The GraphQL-over-HTTP request parameters the limits look at. */
export interface GraphQLRequestParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
  /** GraphQL-over-HTTP persisted documents (`sha256:<hex>` or a registered id). */
  documentId?: unknown;
}

function jsonOrUndefined(value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined; // Apollo answers the malformed parameter itself
  }
}

/** A GET request's parameters (the query string), as Apollo will read them. */
export function paramsFromSearch(search: string): GraphQLRequestParams {
  const params = new URLSearchParams(search);
  return {
    query: params.get('query') ?? undefined,
    operationName: params.get('operationName') ?? undefined,
    variables: jsonOrUndefined(params.get('variables')),
    extensions: jsonOrUndefined(params.get('extensions')),
    documentId: params.get('documentId') ?? undefined,
  };
}

/** `extensions` without `persistedQuery`, or undefined when nothing else is left. */
function extensionsWithoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!extensions || typeof extensions !== 'object' || Array.isArray(extensions)) return undefined;
  const { persistedQuery: _dropped, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * A POST body carrying the resolved query text instead of a persisted-query
 * reference. The APQ extension is removed because Apollo's own APQ is off and
 * would refuse it (PERSISTED_QUERY_NOT_SUPPORTED).
 */
export function bodyWithQuery(
  body: Record<string, unknown>,
  query: string,
): Record<string, unknown> {
  const { extensions, documentId: _dropped, ...rest } = body;
  const kept = extensionsWithoutPersistedQuery(extensions);
  return { ...rest, query, ...(kept ? { extensions: kept } : {}) };
}

/** The same for a GET request's query string (leading `?` kept). */
export function searchWithQuery(search: string, query: string): string {
  const params = new URLSearchParams(search);
  params.set('query', query);
  params.delete('documentId');
  const kept = extensionsWithoutPersistedQuery(jsonOrUndefined(params.get('extensions')));
  if (kept) params.set('extensions', JSON.stringify(kept));
  else params.delete('extensions');
  return `?${params.toString()}`;
}
