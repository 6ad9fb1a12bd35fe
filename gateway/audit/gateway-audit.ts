import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditLog } from '../../subgraphs/shared/audit/audit-log';
import { withholdUnaudited } from '../../subgraphs/shared/audit/withhold-unaudited';
import type { DecisionRecord } from '../../subgraphs/shared/consent/request-consent';
import type { Requester } from '../../subgraphs/shared/requester';
import type { GatewayContext } from '../gateway-context';

/**
 * The audit entries of one client request that the gateway commits itself (audit
 * custody, identity-assertion.ts): each subgraph's decisions are handed to the
 * gateway's audit log as its answer arrives, so the commit of the first level runs
 * while the next level is fetched; the response waits for all of them.
 */
export class RequestAudit {
  private readonly appends: Promise<void>[] = [];

  constructor(
    private readonly log: Pick<AuditLog, 'append'>,
    private readonly requester: Requester,
    private readonly requestId: string,
  ) {}

  /** Hands `subgraph`'s decisions to the audit log (committed with whatever else is pending). */
  record(subgraph: string, decisions: DecisionRecord[]): void {
    if (decisions.length === 0) return;
    const appended = this.log.append(this.requester, this.requestId, decisions, subgraph);
    // Observed by `settle`; until then a failure must not count as unhandled.
    appended.catch(() => undefined);
    this.appends.push(appended);
  }

  /** Resolves once every decision recorded is committed; throws if any could not be. */
  async settle(): Promise<void> {
    while (this.appends.length > 0) await Promise.all(this.appends.splice(0));
  }
}

/**
 * Holds every response until the decisions the subgraphs reported for it are
 * committed to the gateway's audit log (durably, as AUDIT_SYNCHRONOUS says), and
 * withholds all of it when they cannot be (fail closed): nothing a subgraph
 * released under gateway custody reaches the requester unaudited.
 */
export function auditBeforeResponsePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const audit = contextValue.audit;
          if (!audit) return;
          try {
            await audit.settle();
          } catch (error) {
            contextValue.logger.error(
              { err: { message: (error as Error).message } },
              'audit log unavailable: response withheld',
            );
            withholdUnaudited(response);
          }
        },
      };
    },
  };
}
