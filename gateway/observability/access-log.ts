import type { SubgraphCall } from '../subgraph-data-source';

/** What the gateway learns about one HTTP request while serving it. */
export interface RequestRecord {
  requestId: string;
  method: string;
  /** One of KNOWN_ROUTES or "(other)": a raw path could carry identifiers. */
  route: string;
  /** performance.now() at arrival. */
  startedAt: number;
  /** Whether Apollo found the operation to run (the document parsed and named it). */
  resolved: boolean;
  operationName?: string | null;
  operationType?: string;
  /** The response Apollo built; read when the response has ended (plugins may add errors). */
  result?: { errors?: readonly { extensions?: Record<string, unknown> }[] };
  /** Codes of an error answered before Apollo (authentication, limits, bad JSON). */
  refusalCodes?: string[];
  subgraphCalls: SubgraphCall[];
}

const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);
/** At most this many subgraph calls are kept per request (a big plan still logs one line). */
export const MAX_LOGGED_CALLS = 50;

export function routeOf(pathname: string): string {
  return KNOWN_ROUTES.has(pathname) ? pathname : '(other)';
}

/** Occurrences of each `extensions.code` in the response (codes only, never messages). */
export function errorCodesOf(record: RequestRecord): Map<string, number> {
  const codes = new Map<string, number>();
  const add = (code: unknown) => {
    const key = typeof code === 'string' && code ? code : 'UNKNOWN';
    codes.set(key, (codes.get(key) ?? 0) + 1);
  };
  if (record.result) for (const error of record.result.errors ?? []) add(error.extensions?.code);
  else for (const code of record.refusalCodes ?? []) add(code);
  return codes;
}

/**
 * Error codes from the body of a refusal sent before Apollo ran: GraphQL-shaped
 * (`errors[].extensions.code`) or the HTTP error shape (`error.code`). Only small
 * bodies are read; only codes are kept.
 */
export function refusalCodesOf(body: unknown): string[] {
  let text: string;
  if (typeof body === 'string') text = body;
  else if (Buffer.isBuffer(body) || body instanceof Uint8Array) text = Buffer.from(body).toString();
  else return [];
  if (text.length > 16_384) return [];
  try {
    const parsed = JSON.parse(text) as {
      errors?: { extensions?: { code?: unknown } }[];
      error?: { code?: unknown };
    };
    const codes = Array.isArray(parsed.errors)
      ? parsed.errors.map((e) => e?.extensions?.code)
      : [parsed.error?.code];
    return codes.filter((c): c is string => typeof c === 'string');
  } catch {
    return [];
  }
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * The one access-log line of a request: ids, timings, status and error codes.
 * Never the query text (literals can be names or MRNs), variables, or data.
 */
export function accessLogEntry(
  record: RequestRecord,
  status: number | 'aborted',
  durationMs: number,
): Record<string, unknown> {
  const codes = errorCodesOf(record);
  const name = record.operationName;
  return {
    requestId: record.requestId,
    method: record.method,
    route: record.route,
    status,
    durationMs: Math.round(durationMs * 10) / 10,
    ...(record.resolved
      ? {
          operation: name && GRAPHQL_NAME.test(name) ? name : name ? '(invalid)' : '(anonymous)',
          operationType: record.operationType,
        }
      : {}),
    ...(codes.size ? { errorCodes: Object.fromEntries(codes) } : {}),
    ...(record.subgraphCalls.length
      ? {
          subgraphs: record.subgraphCalls.map((call) => ({
            subgraph: call.subgraph,
            durationMs: Math.round(call.durationMs * 10) / 10,
            ...(call.failure ? { failed: call.failure.reason } : {}),
          })),
        }
      : {}),
  };
}
