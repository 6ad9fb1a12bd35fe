import { randomUUID, type KeyObject } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { ASSERTION_HEADER, signAssertion } from '../subgraphs/shared/identity-assertion';
import type { GatewayContext } from './gateway-context';
import { GATEWAY_SERVICE_REQUESTER } from './gateway-identity';

/** Assertions live 30 s; one signed for a request is reused while it has 20 s left. */
const ASSERTION_TTL_SECONDS = 30;
const REUSE_FOR_MS = 10_000;
const signedFor = new WeakMap<GatewayContext, { assertion: string; at: number }>();

/**
 * How the gateway calls a subgraph: every request carries an assertion of who is
 * asking, signed with the gateway's key (once per incoming request, reused for all
 * of its subgraph fetches). Calls the gateway makes for itself (health checks)
 * carry the gateway's own identity, which can read no patient data.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraphName: string,
    url: string,
    private readonly privateKey: KeyObject,
    fetcher?: Fetcher,
  ) {
    super(fetcher ? { url, fetcher } : { url });
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
