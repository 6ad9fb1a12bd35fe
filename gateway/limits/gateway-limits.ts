import { writeGraphQLResponse } from '../../subgraphs/shared/http/write-graphql-response';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../../subgraphs/shared/logger';
import type { Requester } from '../../subgraphs/shared/requester';
import { readLimitedBody } from './body-limit';
import {
  bodyWithQuery,
  paramsFromSearch,
  searchWithQuery,
  type GraphQLRequestParams,
} from './graphql-request-params';
import { LimitError, sendLimitError } from './limit-error';
import type { GatewayLimitsConfig } from './limits-config';
import { PersistedQueries } from './persisted-queries';
import { QueryLimits } from './query-limits';
import { RateLimiter, rateLimited, rateLimitKey } from './rate-limiter';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The gateway's /graphql request path with its abuse limits, in the order that
 * spends the least on a request that will be refused: rate limit (per subject or
 * address), body size, persisted-query resolution, then depth, aliases, tokens and
 * cost of the operation as sent, and only then Apollo (policy rewrite, planning,
 * execution). It replaces the shared `handleGraphQLRequest` for the gateway, and
 * moves bytes the same way.
 */
export class GatewayLimits {
  private readonly rate: RateLimiter;
  private readonly persisted: PersistedQueries;
  private readonly queries: QueryLimits;

  constructor(
    private readonly config: GatewayLimitsConfig,
    getSchema: () => GraphQLSchema | undefined,
    private readonly logger: Logger,
    now: () => number = Date.now,
  ) {
    this.rate = new RateLimiter(config.rate, now);
    this.persisted = new PersistedQueries(
      config.persistedQueries.mode,
      config.persistedQueries.safelist,
    );
    this.queries = new QueryLimits(config.query, getSchema);
  }

  async serve<TContext extends BaseContext>(
    apollo: ApolloServer<TContext>,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requester: Requester,
    context: () => Promise<TContext>,
  ): Promise<void> {
    try {
      await this.serveWithinLimits(apollo, req, res, url, requester, context);
    } catch (error) {
      if (!(error instanceof LimitError) || res.headersSent) throw error;
      const { reason, measured, limit } = error.body.extensions;
      // Throttling and APQ misses are routine; the other refusals are worth seeing.
      const routine = reason === 'RATE_LIMITED' || reason === 'PERSISTED_QUERY_NOT_FOUND';
      const log = routine ? this.logger.debug : this.logger.info;
      const requestId = res.getHeader('x-request-id');
      log.call(
        this.logger,
        { requestId, reason, measured, limit },
        'request refused by a gateway limit',
      );
      sendLimitError(res, error);
    }
  }

  private async serveWithinLimits<TContext extends BaseContext>(
    apollo: ApolloServer<TContext>,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requester: Requester,
    context: () => Promise<TContext>,
  ): Promise<void> {
    if (this.rate.enabled) {
      const decision = this.rate.take(
        rateLimitKey(requester, req, this.config.rate.trustProxyHops),
      );
      if (!decision.allowed)
        throw rateLimited(decision.retryAfterSeconds, this.config.rate.perMinute);
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    let search = url.search;
    let params: GraphQLRequestParams | undefined;
    if (req.method === 'POST') {
      const raw = await readLimitedBody(req, this.config.maxBodyBytes);
      // Apollo expects a parsed JSON body; anything else it rejects with a 400 itself.
      if (raw.length > 0 && (headers.get('content-type') ?? '').includes('json')) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              errors: [{ message: 'Body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
            }),
          );
          return;
        }
        // Arrays (batches) go to Apollo as they are: batching is off, Apollo refuses them.
        if (isRecord(body)) params = body;
      } else {
        body = raw.toString('utf8');
      }
    } else if (req.method === 'GET') {
      params = paramsFromSearch(search);
    }

    if (params) {
      const resolution = this.persisted.resolve(params);
      if (resolution.kind === 'refused') throw resolution.error;
      let query = typeof params.query === 'string' ? params.query : undefined;
      if (resolution.kind === 'resolved') {
        query = resolution.query;
        if (isRecord(body)) body = bodyWithQuery(body, query);
        else search = searchWithQuery(search, query);
      }
      if (query !== undefined) {
        const variables = isRecord(params.variables) ? params.variables : undefined;
        const operationName =
          typeof params.operationName === 'string' ? params.operationName : null;
        const exceeded = this.queries.check(query, operationName, variables);
        if (exceeded) throw exceeded;
        if (resolution.kind === 'resolved' && resolution.register)
          this.persisted.register(resolution.register, query);
      }
    }

    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context,
    });
    await writeGraphQLResponse(res, response);
  }
}
