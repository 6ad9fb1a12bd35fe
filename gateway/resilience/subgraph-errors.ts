import { GraphQLError } from 'graphql';
import {
  InternalError,
  UpstreamUnavailableError,
  type PatientGraphError,
} from '../../subgraphs/shared/errors';

/**
 * Why a call to a subgraph failed, in a closed set: clients see it as
 * `extensions.reason` and metrics use it as a label.
 */
export type SubgraphFailureReason =
  'TIMEOUT' | 'UNREACHABLE' | 'HTTP_STATUS' | 'BAD_RESPONSE' | 'UNEXPECTED';

export interface SubgraphFailure {
  code: 'UPSTREAM_UNAVAILABLE' | 'INTERNAL';
  reason: SubgraphFailureReason;
  /** For logs: the HTTP status or system error code (never a URL or message). */
  status?: number;
  errno?: string;
}

/** Network-level failures: the subgraph is down, restarting, or the path to it is. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
/** node-fetch v2 `FetchError.type`s for its own `timeout` option. */
const TIMEOUT_TYPES = new Set(['request-timeout', 'body-timeout']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  type?: unknown;
  cause?: unknown;
}

/** The system error code of an error or of its causes (undici nests it in `cause`). */
function systemCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as ErrorLike).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    current = (current as ErrorLike).cause;
  }
  return undefined;
}

/**
 * Classifies what a fetch to a subgraph threw, the way Apollo's gateway leaves it
 * to the data source (RemoteGraphQLDataSource.didEncounterError): connection
 * refused or reset and timeouts mean the subgraph is unavailable; anything else is
 * a fault to investigate (INTERNAL).
 */
export function classifyFetchError(error: unknown): SubgraphFailure {
  const known = failureOf(error);
  if (known) return known;
  const { name, type } = (error ?? {}) as ErrorLike;
  const errno = systemCodeOf(error);
  if (
    (typeof type === 'string' && TIMEOUT_TYPES.has(type)) ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (errno !== undefined && TIMEOUT_CODES.has(errno))
  )
    return { code: 'UPSTREAM_UNAVAILABLE', reason: 'TIMEOUT', errno };
  if (errno !== undefined && UNREACHABLE_CODES.has(errno))
    return { code: 'UPSTREAM_UNAVAILABLE', reason: 'UNREACHABLE', errno };
  if (type === 'invalid-json' || error instanceof SyntaxError)
    return { code: 'INTERNAL', reason: 'BAD_RESPONSE' };
  return { code: 'INTERNAL', reason: 'UNEXPECTED', errno };
}

/**
 * A non-2xx answer. 5xx, 408 and 429 say the subgraph cannot serve right now.
 * Other 4xx mean the subgraph refused the gateway itself (a rejected assertion
 * after a key rotation, a schema that drifted from the supergraph): the client's
 * request is not at fault, so unlike Apollo's errorFromResponse (401 ->
 * UNAUTHENTICATED) they are INTERNAL, never an invitation to re-authenticate.
 */
export function classifyStatus(status: number): SubgraphFailure {
  const unavailable = status >= 500 || status === 408 || status === 429;
  return { code: unavailable ? 'UPSTREAM_UNAVAILABLE' : 'INTERNAL', reason: 'HTTP_STATUS', status };
}

/**
 * The error a client sees: typed, naming the subgraph (as `subgraph`, and as
 * `serviceName` like errors Apollo's gateway passes on from subgraphs), without
 * URLs, messages of the underlying error, or stacks.
 */
export function subgraphError(
  subgraph: string,
  failure: SubgraphFailure,
  timeoutMs?: number,
): PatientGraphError {
  const details = { subgraph, serviceName: subgraph, reason: failure.reason };
  const error =
    failure.code === 'INTERNAL'
      ? new InternalError('Internal error', details)
      : new UpstreamUnavailableError(unavailableMessage(subgraph, failure, timeoutMs), details);
  failures.set(error, failure);
  return error;
}

function unavailableMessage(
  subgraph: string,
  failure: SubgraphFailure,
  timeoutMs: number | undefined,
): string {
  if (failure.reason === 'TIMEOUT')
    return `Subgraph ${subgraph} did not answer ${timeoutMs ? `within ${timeoutMs} ms` : 'in time'}`;
  if (failure.reason === 'UNREACHABLE') return `Subgraph ${subgraph} could not be reached`;
  return `Subgraph ${subgraph} is unavailable (HTTP ${failure.status})`;
}

const failures = new WeakMap<GraphQLError, SubgraphFailure>();

/** The failure an error made by `subgraphError` stands for. */
export function failureOf(error: unknown): SubgraphFailure | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const known = failures.get(error);
  if (known) return known;
  const { code, reason } = error.extensions;
  if ((code === 'UPSTREAM_UNAVAILABLE' || code === 'INTERNAL') && isReason(reason))
    return { code, reason };
  return undefined;
}

const REASONS: readonly SubgraphFailureReason[] = [
  'TIMEOUT',
  'UNREACHABLE',
  'HTTP_STATUS',
  'BAD_RESPONSE',
  'UNEXPECTED',
];

function isReason(value: unknown): value is SubgraphFailureReason {
  return (REASONS as readonly unknown[]).includes(value);
}
