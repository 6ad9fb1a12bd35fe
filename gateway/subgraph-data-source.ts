import { randomUUID, type KeyObject } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { ASSERTION_HEADER, signAssertion } from '../subgraphs/shared/identity-assertion';
import type { GatewayContext } from './gateway-context';
import { GATEWAY_SERVICE_REQUESTER } from './gateway-identity';

/**
 * How the gateway calls a subgraph: every request carries a fresh assertion of who
 * is asking, signed with the gateway's key. Calls the gateway makes for itself
 * (health checks) carry the gateway's own identity, which can read no patient data.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraphName: string,
    url: string,
    private readonly privateKey: KeyObject,
  ) {
    super({ url });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const incoming = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION;
    const context = incoming ? options.context : undefined;
    const assertion = signAssertion(
      context?.requester ?? GATEWAY_SERVICE_REQUESTER,
      context?.requestId ?? randomUUID(),
      this.privateKey,
      { ttlSeconds: 30 },
    );
    options.request.http?.headers.set(ASSERTION_HEADER, assertion);
    if (context) options.request.http?.headers.set('x-request-id', context.requestId);
  }
}
