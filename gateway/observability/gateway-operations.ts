import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import { sendJson } from '../../subgraphs/shared/http/http-errors';
import type { Logger } from '../../subgraphs/shared/logger';
import type { GatewayContext } from '../gateway-context';
import { GracefulDrain } from '../resilience/graceful-drain';
import { SubgraphReadiness, subgraphsOfSupergraph } from '../resilience/readiness';
import type { SubgraphCall, SubgraphDataSourceOptions } from '../subgraph-data-source';
import {
  accessLogEntry,
  errorCodesOf,
  MAX_LOGGED_CALLS,
  refusalCodesOf,
  routeOf,
  type RequestRecord,
} from './access-log';
import { GatewayMetrics, OperationLabels } from './gateway-metrics';
import { observabilityPlugin } from './observability-plugin';
import type { OperationsConfig } from './operations-config';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus-text';

function bearerMatches(header: string | undefined, expected: string): boolean {
  const presented = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const wanted = Buffer.from(expected);
  return presented.length === wanted.length && timingSafeEqual(presented, wanted);
}

/**
 * Everything that keeps the gateway operable, around its request handling:
 * request ids, one access-log line per request, metrics at /metrics, readiness at
 * /readyz, subgraph-call deadlines and accounting, and graceful shutdown. The
 * server wires it in at five points: the request listener, the request id, each
 * subgraph's data source options, an Apollo plugin, and close().
 */
export class GatewayOperations {
  readonly readiness: SubgraphReadiness;
  readonly metrics: GatewayMetrics;
  private readonly drain = new GracefulDrain();
  private readonly records = new Map<string, RequestRecord>();
  private readonly requestIds = new WeakMap<IncomingMessage, string>();
  private readonly operationLabels = new OperationLabels();

  constructor(
    private readonly options: {
      config: OperationsConfig;
      subgraphTimeoutMs: number;
      logger: Logger;
    },
  ) {
    this.readiness = new SubgraphReadiness({
      timeoutMs: options.config.readinessTimeoutMs,
      cacheMs: options.config.readinessCacheMs,
    });
    this.metrics = new GatewayMetrics(() => this.drain.inFlightCount);
  }

  /**
   * Puts `listener` in front of the server's own request listener, which keeps
   * its place in server.ts untouched.
   */
  attach(server: Server): void {
    const own = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on(
      'request',
      this.listener((req, res) => own.forEach((inner) => inner.call(server, req, res))),
    );
  }

  /** Wraps the gateway's request listener: /readyz and /metrics are answered here. */
  listener(inner: RequestListener): RequestListener {
    return (req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method === 'GET' && pathname === '/readyz') {
        this.serveReadiness(res).catch(() => sendJson(res, 503, { status: 'unavailable' }));
        return;
      }
      if (req.method === 'GET' && pathname === '/metrics') return this.serveMetrics(req, res);
      this.drain.track(res);
      // Liveness probes every few seconds would drown the access log.
      if (pathname !== '/healthz') this.begin(req, res, pathname);
      inner(req, res);
    };
  }

  /** The id of a request (also sent as `x-request-id`, and to subgraphs). */
  requestIdOf(req: IncomingMessage): string {
    return this.requestIds.get(req) ?? randomUUID();
  }

  /** Data source options for the calls to one subgraph. */
  subgraphOptions(): SubgraphDataSourceOptions {
    return {
      timeoutMs: this.options.subgraphTimeoutMs,
      onCallEnded: (context, call) => this.subgraphCallEnded(context, call),
    };
  }

  plugin(): ApolloServerPlugin<GatewayContext> {
    return observabilityPlugin((requestId) => this.records.get(requestId));
  }

  /** Readiness follows the loaded supergraph: its subgraphs are the ones checked. */
  watch(gateway: ApolloGateway): void {
    gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) =>
      this.readiness.supergraphLoaded(subgraphsOfSupergraph(coreSupergraphSdl)),
    );
  }

  /** Stops accepting, lets in-flight requests finish (up to the grace period), closes. */
  async close(server: Server): Promise<void> {
    const { logger, config } = this.options;
    logger.info({ inFlight: this.drain.inFlightCount }, 'gateway draining');
    const { cut } = await this.drain.drain(server, config.shutdownGraceMs);
    if (cut > 0) logger.warn({ cut }, 'requests still running at the shutdown deadline were cut');
  }

  private begin(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    const requestId = randomUUID();
    this.requestIds.set(req, requestId);
    res.setHeader('x-request-id', requestId);
    const record: RequestRecord = {
      requestId,
      method: req.method ?? 'GET',
      route: routeOf(pathname),
      startedAt: performance.now(),
      resolved: false,
      subgraphCalls: [],
    };
    this.records.set(requestId, record);
    // Refusals answered before Apollo (401, limits) carry their code only in the body.
    const end = res.end as (...args: unknown[]) => ServerResponse;
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (!record.result && res.statusCode >= 400) record.refusalCodes = refusalCodesOf(args[0]);
      return end.apply(this, args);
    } as ServerResponse['end'];
    res.once('close', () => this.finish(record, res));
  }

  private finish(record: RequestRecord, res: ServerResponse): void {
    this.records.delete(record.requestId);
    const durationMs = performance.now() - record.startedAt;
    const status = res.writableFinished ? res.statusCode : 'aborted';
    if (record.route === '/graphql') {
      const operation = this.operationLabels.label(record.resolved, record.operationName);
      this.metrics.requests.inc({ operation, status: String(status) });
      this.metrics.requestDuration.observe(durationMs / 1000, { operation });
      this.metrics.countErrors(errorCodesOf(record));
    }
    this.options.logger.info(accessLogEntry(record, status, durationMs), 'request');
  }

  private subgraphCallEnded(context: GatewayContext, call: SubgraphCall): void {
    const subgraph = call.subgraph;
    this.metrics.subgraphDuration.observe(call.durationMs / 1000, { subgraph });
    if (call.failure)
      this.metrics.subgraphErrors.inc({ subgraph, reason: call.failure.reason.toLowerCase() });
    const record = this.records.get(context.requestId);
    if (record && record.subgraphCalls.length < MAX_LOGGED_CALLS) record.subgraphCalls.push(call);
  }

  private async serveReadiness(res: ServerResponse): Promise<void> {
    if (this.drain.isDraining) return sendJson(res, 503, { status: 'draining' });
    const report = await this.readiness.check();
    if (report.ready) return sendJson(res, 200, { status: 'ready' });
    sendJson(res, 503, {
      status: 'unavailable',
      composed: report.composed,
      unreachable: report.unreachable,
    });
  }

  private serveMetrics(req: IncomingMessage, res: ServerResponse): void {
    const { access, token } = this.options.config.metrics;
    if (access === 'off') {
      sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'No route /metrics' } });
      return;
    }
    if (access === 'token' && !bearerMatches(req.headers.authorization, token ?? '')) {
      sendJson(
        res,
        401,
        { error: { code: 'UNAUTHENTICATED', message: 'A valid metrics token is required' } },
        { 'www-authenticate': 'Bearer realm="metrics"' },
      );
      return;
    }
    const text = this.metrics.registry.render();
    res.writeHead(200, {
      'content-type': PROMETHEUS_CONTENT_TYPE,
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
    });
    res.end(text);
  }
}
