import type { Logger } from '../subgraphs/shared/logger';
import type { Requester } from '../subgraphs/shared/requester';

/** The gateway's per-request context; `requester` is what subgraphs will be told. */
export interface GatewayContext {
  requestId: string;
  requester: Requester;
  logger: Logger;
}
