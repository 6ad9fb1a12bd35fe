import { randomUUID, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GraphQLError } from 'graphql';
import {
  AUDIT_REPORT_EXTENSION,
  AuditReportError,
  parseAuditReport,
} from '../subgraphs/shared/audit/audit-report';
import { ASSERTION_HEADER, signAssertion } from '../subgraphs/shared/identity-assertion';
import type { GatewayContext } from './gateway-context';
import { GATEWAY_SERVICE_REQUESTER } from './gateway-identity';
import { withDeadline } from './resilience/deadline';
import {
  classifyFetchError,
  classifyStatus,
  failureOf,
  subgraphError,
  type SubgraphFailure,
} from './resilience/subgraph-errors';

/** One finished call to a subgraph for a client's operation (metrics, access log). */
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export interface SubgraphCall {
  subgraph: string;
  durationMs: number;
  failure?: SubgraphFailure;
}

export interface SubgraphDataSourceOptions {
  /**
   * Deadline for a whole call (connect, answer, body). The fetcher's own timeout
   * covers headers and body separately; this bounds their sum and covers fetchers
   * that have none.
   */
  timeoutMs?: number;
  onCallEnded?: (context: GatewayContext, call: SubgraphCall) => void;
}

/** Assertions live 30 s; one signed for a request is reused while it has 20 s left. */
const ASSERTION_TTL_SECONDS = 30;
const REUSE_FOR_MS = 10_000;
const signedFor = new WeakMap<GatewayContext, { assertion: string; at: number }>();

/**
 * How the gateway calls a subgraph: every request carries an assertion of who is
 * asking, signed with the gateway's key (once per incoming request, reused for all
 * of its subgraph fetches). Calls the gateway makes for itself (health checks)
 * carry the gateway's own identity, which can read no patient data. When the
 * request has a gateway audit (`context.audit`), the assertion claims audit
 * custody and each answer's audit report is committed through it.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraphName: string,
    url: string,
    private readonly privateKey: KeyObject,
    fetcher?: Fetcher,
    private readonly options: SubgraphDataSourceOptions = {},
  ) {
    super(fetcher ? { url, fetcher } : { url });
  }

  /**
   * Apollo's gateway puts whatever a data source throws into the response as it
   * is (executeQueryPlan: executeNode catches per fetch, the rest of the plan
   * goes on and the subgraph's fields stay null), so a thrown error decides what
   * the client sees. Failures are re-coded here: unavailable subgraphs as
   * UPSTREAM_UNAVAILABLE naming the subgraph, the rest as INTERNAL; neither
   * carries the URL or the underlying message. Errors a subgraph answers with
   * (in a 200 body) are not thrown and pass on untouched, as in Apollo.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await this.callSubgraph(options);
    } finally {
      // After the answer's report is recorded (or the answer refused): the request's
      // audit may start its commit once every fetch of the plan is over.
      if (options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION)
        options.context.audit?.fetchEnded();
    }
  }

  private async callSubgraph(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const started = performance.now();
    const { timeoutMs } = this.options;
    let response: GatewayGraphQLResponse;
    try {
      response = await withDeadline(super.process(options), timeoutMs, () =>
        subgraphError(
          this.subgraphName,
          { code: 'UPSTREAM_UNAVAILABLE', reason: 'TIMEOUT' },
          timeoutMs,
        ),
      );
    } catch (error) {
      const failure = classifyFetchError(error);
      this.callEnded(options, started, failure);
      throw failureOf(error) ? error : subgraphError(this.subgraphName, failure, timeoutMs);
    }
    try {
      this.takeAuditReport(options, response);
    } catch (error) {
      const failure: SubgraphFailure = { code: 'INTERNAL', reason: 'BAD_RESPONSE' };
      this.callEnded(options, started, failure);
      options.context?.logger?.error(
        { subgraph: this.subgraphName, err: { message: (error as Error).message } },
        'subgraph answer withheld: its audit report cannot be committed',
      );
      throw subgraphError(this.subgraphName, failure, timeoutMs);
    }
    this.callEnded(options, started);
    return response;
  }

  /**
   * Takes the subgraph's audit report (audit-report.ts) out of its answer and hands
   * it to the request's audit: it never reaches the client. A report that does not
   * parse, or that nobody here would commit, throws: the answer's data is then
   * refused whole (fail closed), since part of it would leave unaudited.
   */
  private takeAuditReport(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    response: GatewayGraphQLResponse,
  ): void {
    const extensions = response.extensions;
    if (!extensions || !(AUDIT_REPORT_EXTENSION in extensions)) return;
    const report = extensions[AUDIT_REPORT_EXTENSION];
    delete extensions[AUDIT_REPORT_EXTENSION];
    if (Object.keys(extensions).length === 0) delete response.extensions;
    const audit =
      options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION
        ? options.context.audit
        : undefined;
    if (!audit) throw new AuditReportError('audit report without gateway custody');
    audit.record(this.subgraphName, parseAuditReport(report));
  }

  /** Non-2xx answers (Apollo's default keeps the URL and body in `extensions.response`). */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    // Read the body so the keep-alive connection can be reused; its content is not shown.
    await response.text().catch(() => undefined);
    return subgraphError(
      this.subgraphName,
      classifyStatus(response.status),
      this.options.timeoutMs,
    );
  }

  private callEnded(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    started: number,
    failure?: SubgraphFailure,
  ): void {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    const call = { subgraph: this.subgraphName, durationMs: performance.now() - started, failure };
    if (failure) {
      options.context.logger?.warn(
        {
          subgraph: call.subgraph,
          reason: failure.reason,
          status: failure.status,
          errno: failure.errno,
          durationMs: Math.round(call.durationMs),
        },
        'subgraph call failed',
      );
    }
    this.options.onCallEnded?.(options.context, call);
  }

  private assertionFor(context: GatewayContext | undefined): string {
    if (!context) {
      return signAssertion(GATEWAY_SERVICE_REQUESTER, randomUUID(), this.privateKey, {
        ttlSeconds: ASSERTION_TTL_SECONDS,
      });
    }
    const cached = signedFor.get(context);
    if (cached && Date.now() - cached.at < REUSE_FOR_MS) return cached.assertion;
    const assertion = signAssertion(context.requester, context.requestId, this.privateKey, {
      ttlSeconds: ASSERTION_TTL_SECONDS,
      ...(context.audit ? { audit: 'gateway' as const } : {}),
    });
    signedFor.set(context, { assertion, at: Date.now() });
    return assertion;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const incoming = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION;
    const context = incoming ? options.context : undefined;
    options.request.http?.headers.set(ASSERTION_HEADER, this.assertionFor(context));
    if (context) options.request.http?.headers.set('x-request-id', context.requestId);
  }
}
