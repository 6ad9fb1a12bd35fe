import { randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { AUDIT_REPORT_EXTENSION, type AuditReport } from '../audit/audit-report';
import { withholdUnaudited } from '../audit/withhold-unaudited';
import { maskUnexpectedError } from '../errors';
import { ASSERTION_HEADER, AssertionError, verifyAssertion } from '../identity-assertion';
import type { Logger } from '../logger';
import type { ConsentConfig } from '../config/consent-config';
import { startConsentRuntime, type ConsentRuntime } from '../consent/consent-runtime';
import type { RequestConsent } from '../consent/request-consent';
import type { Requester } from '../requester';
import { HttpError, sendHttpError, sendJson } from './http-errors';
import { handleGraphQLRequest } from './graphql-handler';

/** What every subgraph request context starts from. */
export interface RequestBase {
  requestId: string;
  requester: Requester;
  logger: Logger;
  /** Consent state of this request; absent when the subgraph runs without consent (then @Sensitive fields fail closed). */
  consent?: RequestConsent;
}

export interface SubgraphRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Exact path, or a prefix ending in `/*`. */
  path: string;
  /**
   * `service`: needs `Authorization: Bearer <service token>` (ingest, links between
   * services). `public`: liveness only; never data.
   */
  auth: 'service' | 'public';
  handler: (req: IncomingMessage, res: ServerResponse, url: URL, logger: Logger) => Promise<void>;
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  host: string;
  port: number;
  assertionPublicKey: KeyObject;
  serviceToken: string;
  logger: Logger;
  createContext: (base: RequestBase) => Promise<TContext> | TContext;
  routes?: SubgraphRoute[];
  maxGraphQLBodyBytes?: number;
  /**
   * The consent registry and audit log; required for subgraphs with @Sensitive
   * fields (without it they fail closed). Give a running runtime, or its config.
   */
  consent?: ConsentRuntime;
  consentConfig?: ConsentConfig;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function matchRoute(
  routes: SubgraphRoute[],
  method: string,
  pathname: string,
): SubgraphRoute | undefined {
  return routes.find(
    (route) =>
      route.method === method &&
      (route.path.endsWith('/*')
        ? pathname.startsWith(route.path.slice(0, -1))
        : pathname === route.path),
  );
}

/**
 * Writes each request's consent decisions to the audit log before its response
 * leaves. If the audit log cannot be written, the data is not sent either. Under
 * gateway custody the decisions go back with the answer instead (audit-report.ts),
 * and the gateway commits them before any of it reaches the requester.
 */
function auditBeforeResponse<TContext extends BaseContext>(
  logger: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const consent = (contextValue as Partial<RequestBase>).consent;
          if (!consent) return;
          const report = consent.takeReportForGateway();
          if (report) {
            if (report.length === 0) return;
            if (response.body.kind === 'single') {
              const result = response.body.singleResult;
              const auditReport: AuditReport = { decisions: report };
              result.extensions = { ...result.extensions, [AUDIT_REPORT_EXTENSION]: auditReport };
              return;
            }
            // An incremental answer has no place for the report before its data.
            logger.error('audit report cannot ride an incremental answer: response withheld');
            withholdUnaudited(response);
            return;
          }
          try {
            await consent.flush();
          } catch {
            logger.error('audit log unavailable: response withheld');
            withholdUnaudited(response);
          }
        },
      };
    },
  };
}

/**
 * One subgraph's HTTP process: GraphQL at /graphql (only for callers holding a
 * gateway assertion), liveness at /healthz, and the subgraph's own service routes
 * (ingest). Stops gracefully: in-flight requests finish before the store closes.
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningServer> {
  const { logger } = options;
  const consent =
    options.consent ??
    (options.consentConfig ? await startConsentRuntime(options.consentConfig, logger) : undefined);
  const ownsConsent = !options.consent && consent !== undefined;
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    // Nothing in a subgraph phones home, and it shows no landing page: its only
    // legitimate client is the gateway.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      auditBeforeResponse<TContext>(logger),
    ],
    formatError: (formatted, error) => {
      const masked = maskUnexpectedError(formatted);
      if (masked !== formatted) {
        const original = (error as { originalError?: Error }).originalError ?? (error as Error);
        logger.error(
          { err: { name: original?.name, stack: original?.stack } },
          'unexpected resolver error',
        );
      }
      return masked;
    },
    includeStacktraceInErrorResponses: false,
    // runService stops the server on SIGINT/SIGTERM; Apollo's own handlers would
    // start a second, concurrent stop() that never returns (Apollo Server 5.5).
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const routes = options.routes ?? [];
  const maxBody = options.maxGraphQLBodyBytes ?? 1_000_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz' && method === 'GET') {
      sendJson(res, 200, { status: 'ok', subgraph: options.name });
      return;
    }
    if (url.pathname === '/graphql') {
      const header = req.headers[ASSERTION_HEADER];
      let claims;
      try {
        claims = verifyAssertion(
          Array.isArray(header) ? header[0] : header,
          options.assertionPublicKey,
        );
      } catch (error) {
        if (!(error instanceof AssertionError)) throw error;
        logger.warn({ reason: error.message }, 'refused request without a valid gateway assertion');
        sendJson(res, 401, {
          errors: [
            {
              message: `Subgraph ${options.name} only answers the gateway: ${error.message}`,
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
        return;
      }
      const base: RequestBase = {
        requestId: claims.rid,
        requester: claims.req,
        logger: logger.child({ requestId: claims.rid }),
        consent: consent?.forRequest(claims.req, claims.rid, claims.audit),
      };
      await handleGraphQLRequest(
        apollo,
        req,
        res,
        url,
        async () => options.createContext(base),
        maxBody,
      );
      return;
    }
    const route = matchRoute(routes, method, url.pathname);
    if (!route) throw new HttpError(404, 'NOT_FOUND', `No route ${method} ${url.pathname}`);
    if (route.auth === 'service') {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!token || !tokensEqual(token, options.serviceToken)) {
        throw new HttpError(401, 'UNAUTHENTICATED', 'A valid service token is required');
      }
    }
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    await route.handler(req, res, url, logger.child({ requestId }));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        sendHttpError(res, error);
        return;
      }
      logger.error(
        { err: { name: (error as Error)?.name, stack: (error as Error)?.stack } },
        'request failed',
      );
      sendHttpError(res, new HttpError(500, 'INTERNAL', 'Internal error'));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info({ port }, 'subgraph listening');
  return {
    url,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      if (ownsConsent) await consent?.close();
    },
  };
}
