import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditLog } from '../../subgraphs/shared/audit/audit-log';
import { withholdUnaudited } from '../../subgraphs/shared/audit/withhold-unaudited';
import type { DecisionRecord } from '../../subgraphs/shared/consent/request-consent';
import type { Requester } from '../../subgraphs/shared/requester';
import type { GatewayContext } from '../gateway-context';

/**
 * The audit entries of one client request that the gateway commits itself (audit
 * custody, identity-assertion.ts): each subgraph's decisions are kept as its answer
 * arrives, and all of them go to the gateway's audit log in ONE append when the
 * response is ready. Committing each subgraph's answer as it came measured four
 * commits and syncs per summary at one client (the answers arrive milliseconds
 * apart, too far for group commit), about 1.9 ms of CPU instead of 0.4.
 */
export class RequestAudit {
  private readonly reported: { subgraph: string; decisions: DecisionRecord[] }[] = [];

  constructor(
    private readonly log: Pick<AuditLog, 'appendReports'>,
    private readonly requester: Requester,
    private readonly requestId: string,
  ) {}

  /** Keeps `subgraph`'s decisions for the commit before the response. */
  record(subgraph: string, decisions: DecisionRecord[]): void {
    if (decisions.length > 0) this.reported.push({ subgraph, decisions });
  }

  /** Commits every decision recorded (one append); throws if they could not be committed. */
  async settle(): Promise<void> {
    if (this.reported.length === 0) return;
    await this.log.appendReports(this.requester, this.requestId, this.reported.splice(0));
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
