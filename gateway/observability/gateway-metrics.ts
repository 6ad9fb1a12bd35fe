import { ERROR_CODES } from '../../subgraphs/shared/errors';
import { Counter, Gauge, Histogram, MetricsRegistry } from './prometheus-text';

/**
 * The gateway's metrics. Every label value comes from a bounded set the gateway
 * controls: operation names (capped, see OperationLabels), HTTP statuses, the
 * closed error-code catalogue, subgraph names from the supergraph, and failure
 * reasons. Nothing from a request's variables, query literals or response data.
 */
export class GatewayMetrics {
  readonly registry = new MetricsRegistry();

  readonly requests = this.registry.register(
    new Counter({
      name: 'patientgraph_gateway_requests_total',
      help: 'GraphQL requests answered, by operation name and HTTP status.',
      labelNames: ['operation', 'status'],
    }),
  );

  readonly requestDuration = this.registry.register(
    new Histogram({
      name: 'patientgraph_gateway_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to the end of its response, by operation name.',
      labelNames: ['operation'],
    }),
  );

  readonly errors = this.registry.register(
    new Counter({
      name: 'patientgraph_gateway_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code (includes consent and access denials).',
      labelNames: ['code'],
    }),
  );

  readonly consent = this.registry.register(
    new Counter({
      name: 'patientgraph_gateway_consent_denials_total',
      help: 'Fields withheld for consent: required (no consent on chain) or unavailable (could not be verified).',
      labelNames: ['outcome'],
    }),
  );

  /**
   * What the durable audit adds to a response's latency: finer buckets than a
   * request's, since a commit takes a fraction of a millisecond on an idle disk.
   */
  readonly auditHeld = this.registry.register(
    new Histogram({
      name: 'patientgraph_gateway_audit_wait_seconds',
      help: 'Time a response with consent decisions was held, once ready, for their audit commit (durable as AUDIT_SYNCHRONOUS says); withheld responses included.',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    }),
  );

  readonly subgraphDuration = this.registry.register(
    new Histogram({
      name: 'patientgraph_gateway_subgraph_fetch_duration_seconds',
      help: 'Duration of calls from the gateway to a subgraph, failed ones included.',
      labelNames: ['subgraph'],
    }),
  );

  readonly subgraphErrors = this.registry.register(
    new Counter({
      name: 'patientgraph_gateway_subgraph_fetch_errors_total',
      help: 'Failed calls from the gateway to a subgraph, by reason (timeout, unreachable, http_status, ...).',
      labelNames: ['subgraph', 'reason'],
    }),
  );

  readonly inFlight: Gauge;

  constructor(inFlight: () => number, startedAt = Date.now()) {
    this.inFlight = this.registry.register(
      new Gauge(
        {
          name: 'patientgraph_gateway_in_flight_requests',
          help: 'Requests being served right now.',
        },
        inFlight,
      ),
    );
    this.registry.register(
      new Gauge(
        { name: 'process_start_time_seconds', help: 'Start time of the process (Unix seconds).' },
        () => Math.floor(startedAt / 1000),
      ),
    );
    this.registry.register(
      new Gauge(
        { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.' },
        () => process.memoryUsage.rss(),
      ),
    );
  }

  /** Counts the error codes of one response (code -> occurrences). */
  countErrors(codes: ReadonlyMap<string, number>): void {
    for (const [code, count] of codes) {
      this.errors.inc({ code: errorCodeLabel(code) }, count);
      if (code === 'CONSENT_REQUIRED') this.consent.inc({ outcome: 'required' }, count);
      if (code === 'CONSENT_UNAVAILABLE') this.consent.inc({ outcome: 'unavailable' }, count);
    }
  }
}

/** Codes a client can see: PatientGraph's catalogue plus Apollo's request errors. */
const KNOWN_CODES = new Set<string>([
  ...ERROR_CODES,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function errorCodeLabel(code: string): string {
  return KNOWN_CODES.has(code) ? code : 'OTHER';
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * Operation names as metric labels. Names are chosen by client developers, not
 * patients, but any client can send any name: only valid GraphQL names of
 * operations that were actually resolved get a series, and only the first
 * `limit` distinct ones; the rest share "(other)". Parentheses cannot appear in a
 * GraphQL name, so the buckets never collide with a real operation.
 */
export class OperationLabels {
  static readonly ANONYMOUS = '(anonymous)';
  static readonly NONE = '(none)';
  static readonly OTHER = '(other)';
  private readonly known = new Set<string>();

  constructor(private readonly limit = 100) {}

  /** `resolved`: whether an operation was found in the document (after parsing). */
  label(resolved: boolean, name: string | null | undefined): string {
    if (!resolved) return OperationLabels.NONE;
    if (!name) return OperationLabels.ANONYMOUS;
    if (!GRAPHQL_NAME.test(name)) return OperationLabels.OTHER;
    if (this.known.has(name)) return name;
    if (this.known.size >= this.limit) return OperationLabels.OTHER;
    this.known.add(name);
    return name;
  }
}
