import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { maskUnexpectedError } from '../subgraphs/shared/errors';
import { HttpError, sendHttpError, sendJson } from '../subgraphs/shared/http/http-errors';
import { createLogger, type Logger } from '../subgraphs/shared/logger';
import { openAuditTrail, type AuditTrail } from '../subgraphs/shared/audit/audit-trail';
import {
  auditBeforeResponsePlugin,
  auditWhenPlanFetched,
  RequestAudit,
} from './audit/gateway-audit';
import { authenticate, AuthenticationError } from './auth/authenticate';
import {
  composeSupergraph,
  fetchAllSubgraphSdl,
  type ComposedSupergraph,
} from './compose-supergraph';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './gateway-context';
import { GatewayLimits } from './limits/gateway-limits';
import { GatewayOperations } from './observability/gateway-operations';
import { acceptEnforcedSecurityFeatures } from './policy/accept-security-features';
import { policyEnforcementPlugin, type PolicyState } from './policy/policy-plugin';
import { readFieldPolicies } from './policy/supergraph-policies';
import { SubgraphDataSource } from './subgraph-data-source';
import { SupergraphFileManager } from './supergraph/supergraph-file-manager';
import { DEFAULT_SUPERGRAPH_WATCH } from './supergraph/watch-config';
import { createSubgraphFetcher } from './subgraph-fetcher';
import { disableApolloTelemetry } from './telemetry';

export interface RunningGateway {
  url: string;
  port: number;
  supergraph: ComposedSupergraph;
  close(): Promise<void>;
}

/**
 * Starts the gateway: composes the supergraph from the subgraphs' own SDL, then
 * serves it at /graphql. /healthz answers 200 only once composition succeeded.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const logger = createLogger('gateway', config.logLevel);
  // Before anything is served: a gateway that cannot keep its audit chain answers nothing.
  const auditTrail = config.audit
    ? await openAuditTrail(config.audit, logger, { anchoring: 'when-deployed' })
    : undefined;
  try {
    return await serveGateway(config, logger, auditTrail);
  } catch (error) {
    await auditTrail?.close();
    throw error;
  }
}

async function serveGateway(
  config: GatewayConfig,
  logger: Logger,
  auditTrail: AuditTrail | undefined,
): Promise<RunningGateway> {
  const operations = new GatewayOperations({
    config: config.operations,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    logger,
  });
  let supergraph: ComposedSupergraph;
  // A supergraph file is followed: changes load without a restart (gateway/supergraph/).
  let supergraphFile: SupergraphFileManager | undefined;
  if (config.supergraphFile) {
    supergraph = { supergraphSdl: fs.readFileSync(config.supergraphFile, 'utf8'), hints: [] };
    supergraphFile = new SupergraphFileManager({
      file: config.supergraphFile,
      logger,
      watch: config.supergraphWatch ?? DEFAULT_SUPERGRAPH_WATCH,
    });
  } else {
    const sdl = await fetchAllSubgraphSdl(config.subgraphs, config.assertionPrivateKey);
    supergraph = composeSupergraph(sdl);
    for (const hint of supergraph.hints) logger.debug({ code: hint.code }, 'composition hint');
  }

  disableApolloTelemetry();
  const fetcher = createSubgraphFetcher({ timeoutMs: config.subgraphTimeoutMs });
  const gateway = new ApolloGateway({
    ...(supergraphFile
      ? { supergraphSdl: supergraphFile }
      : { supergraphSdl: supergraph.supergraphSdl }),
    // Query plans name fields and arguments of patients' queries; never expose them.
    __exposeQueryPlanExperimental: false,
    logger,
    // The audit starts its commit as the plan's last fetch returns (gateway-audit.ts).
    experimental_didResolveQueryPlan: auditWhenPlanFetched,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        name,
        url ?? '',
        config.assertionPrivateKey,
        fetcher,
        operations.subgraphOptions(),
      ),
  });
  let policyState: PolicyState | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    policyState = { schema: apiSchema, policies: readFieldPolicies(coreSupergraphSdl) };
  });
  const policyPlugin = policyEnforcementPlugin(() => policyState);
  const limits = new GatewayLimits(config.limits, () => policyState?.schema, logger);
  acceptEnforcedSecurityFeatures(gateway, policyPlugin);
  operations.watch(gateway);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Automatic persisted queries would resolve a query text after the policy
    // rewrite runs; PatientGraph resolves persisted queries itself, before it.
    persistedQueries: false,
    plugins: [
      policyPlugin,
      operations.plugin(),
      auditBeforeResponsePlugin({
        onHeld: (seconds) => operations.metrics.auditHeld.observe(seconds),
      }),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
    introspection: !config.production,
    // runService stops the server on SIGINT/SIGTERM; a second, concurrent stop()
    // from Apollo's own signal handlers never returns (Apollo Server 5.5).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted) => maskUnexpectedError(formatted),
  });
  await apollo.start();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz' && req.method === 'GET') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (url.pathname !== '/graphql')
      throw new HttpError(404, 'NOT_FOUND', `No route ${url.pathname}`);
    const requestId = operations.requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    let requester;
    try {
      requester = await authenticate(req.headers, config.tokens);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      sendJson(
        res,
        401,
        { errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] },
        {
          'www-authenticate': `Bearer error="invalid_token", error_description="${error.message}"`,
        },
      );
      return;
    }
    const context: GatewayContext = {
      requestId,
      requester,
      logger: logger.child({ requestId }),
      ...(auditTrail ? { audit: new RequestAudit(auditTrail.auditLog, requester, requestId) } : {}),
    };
    await limits.serve(apollo, req, res, url, requester, async () => context);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpError) return sendHttpError(res, error);
      logger.error(
        { err: { name: (error as Error)?.name, stack: (error as Error)?.stack } },
        'request failed',
      );
      sendHttpError(res, new HttpError(500, 'INTERNAL', 'Internal error'));
    });
  });
  // Request ids, access log, /readyz, /metrics and in-flight tracking for shutdown.
  operations.attach(server);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  logger.info(
    { port, supergraph: config.supergraphFile ? 'file' : 'composed' },
    'gateway listening',
  );
  return {
    url: `http://${config.host}:${port}/graphql`,
    port,
    supergraph,
    async close() {
      await operations.close(server);
      await apollo.stop();
      await auditTrail?.close();
    },
  };
}
