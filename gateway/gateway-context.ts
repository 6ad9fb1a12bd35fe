import type { Logger } from '../subgraphs/shared/logger';
import type { RequestAudit } from './audit/gateway-audit';
import type { Requester } from '../subgraphs/shared/requester';

/** The gateway's per-request context; `requester` is what subgraphs will be told. */
export interface GatewayContext {
  requestId: string;
  requester: Requester;
  logger: Logger;
  /**
   * The audit entries this request's subgraphs hand back, committed by the gateway
   * before it answers; absent when the subgraphs commit their own (GATEWAY_AUDIT=off).
   */
  audit?: RequestAudit;
}
