import type { ApolloServerPlugin } from '@apollo/server';
import { isErrorCode } from '../../subgraphs/shared/errors';
import type { Logger } from '../../subgraphs/shared/logger';
import type { GatewayContext } from '../gateway-context';
import type { RequestRecord } from './access-log';

/** Codes that pass the gateway's error mask as they are (see maskUnexpectedError). */
const PASSED_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Tells a request's record which operation ran and which response left, and logs
 * errors the mask is about to hide (as INTERNAL) by code, name and subgraph only:
 * otherwise nobody would ever learn what they were.
 */
export function observabilityPlugin(
  recordOf: (requestId: string) => RequestRecord | undefined,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const record = recordOf(contextValue.requestId);
      if (!record) return;
      const logger: Logger = contextValue.logger;
      return {
        async didResolveOperation({ operationName, operation }) {
          record.resolved = true;
          record.operationName = operationName;
          record.operationType = operation?.operation;
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isErrorCode(code) || (typeof code === 'string' && PASSED_CODES.has(code))) continue;
            logger.warn(
              {
                code: typeof code === 'string' ? code : undefined,
                serviceName: error.extensions?.serviceName,
                errorName: error.originalError?.name ?? error.name,
              },
              'unexpected error answered as INTERNAL',
            );
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') record.result = response.body.singleResult;
        },
      };
    },
  };
}
