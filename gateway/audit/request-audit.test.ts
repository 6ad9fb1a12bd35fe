import type { SubgraphReport } from '../../subgraphs/shared/audit/audit-log';
import type { DecisionRecord } from '../../subgraphs/shared/consent/request-consent';
import type { Requester } from '../../subgraphs/shared/requester';
import { RequestAudit } from './gateway-audit';

const REQUESTER: Requester = {
  subject: 'clinician-1',
  organization: 'riverside-health',
  orgAddress: '0x00000000000000000000000000000000000000aa',
  purpose: 'TREAT',
  scopes: ['user/*.rs'],
};

const decision = (field: string): DecisionRecord => ({
  at: '2026-12-06T10:00:00.000Z',
  patientId: 'patient-1',
  category: 'LABS',
  purpose: 'TREAT',
  decision: 'GRANTED',
  field,
});

/** A log whose appends stay open until released, so a test sees when each began. */
class HeldLog {
  readonly begun: SubgraphReport[][] = [];
  private readonly releases: Array<(error?: Error) => void> = [];

  appendReports(_r: Requester, _id: string, reports: readonly SubgraphReport[]): Promise<void> {
    this.begun.push([...reports]);
    return new Promise<void>((resolve, reject) =>
      this.releases.push((error) => (error ? reject(error) : resolve())),
    );
  }

  release(error?: Error): void {
    for (const release of this.releases.splice(0)) release(error);
  }
}

describe('RequestAudit', () => {
  it("starts its one commit as the plan's last fetch ends, and settles only once it is done", async () => {
    const log = new HeldLog();
    const audit = new RequestAudit(log, REQUESTER, 'request-1');
    audit.expectFetches(2);
    audit.record('identity', [decision('Patient.name')]);
    audit.fetchEnded();
    expect(log.begun).toEqual([]);
    audit.record('ehr-fhir', [decision('Patient.conditions')]);
    audit.fetchEnded();
    expect(log.begun).toEqual([
      [
        { subgraph: 'identity', decisions: [decision('Patient.name')] },
        { subgraph: 'ehr-fhir', decisions: [decision('Patient.conditions')] },
      ],
    ]);
    let settled = false;
    const settling = audit.settle().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    log.release();
    await settling;
    expect(log.begun).toHaveLength(1);
  });

  it('fails its settle when the early commit fails (the response is withheld)', async () => {
    const log = new HeldLog();
    const audit = new RequestAudit(log, REQUESTER, 'request-2');
    audit.expectFetches(1);
    audit.record('identity', [decision('Patient.name')]);
    audit.fetchEnded();
    log.release(new Error('disk full'));
    await expect(audit.settle()).rejects.toThrow('disk full');
  });

  it('commits at settle when the fetch count is unknown or never reached, and what came after an early commit', async () => {
    const unknown = new HeldLog();
    const audit = new RequestAudit(unknown, REQUESTER, 'request-3');
    audit.expectFetches(undefined);
    audit.record('identity', [decision('Patient.name')]);
    audit.fetchEnded();
    expect(unknown.begun).toEqual([]);
    const settling = audit.settle();
    expect(unknown.begun).toHaveLength(1);
    unknown.release();
    await settling;

    // A plan that fetched more than it was counted for: the extra report still commits.
    const more = new HeldLog();
    const second = new RequestAudit(more, REQUESTER, 'request-4');
    second.expectFetches(1);
    second.record('identity', [decision('Patient.name')]);
    second.fetchEnded();
    second.record('wearables', [decision('Patient.heartRate')]);
    second.fetchEnded();
    const done = second.settle();
    more.release();
    await new Promise((resolve) => setImmediate(resolve));
    more.release();
    await done;
    expect(more.begun.map((reports) => reports.map((r) => r.subgraph))).toEqual([
      ['identity'],
      ['wearables'],
    ]);
  });

  it('commits nothing when nothing was decided', async () => {
    const log = new HeldLog();
    const audit = new RequestAudit(log, REQUESTER, 'request-5');
    audit.expectFetches(1);
    audit.fetchEnded();
    await audit.settle();
    expect(log.begun).toEqual([]);
  });
});
