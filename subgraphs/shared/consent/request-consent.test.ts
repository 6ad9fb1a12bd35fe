import { ConsentCategory } from '../../../contracts/consent-codes';
import { TEST_REQUESTER } from '../../../test/helpers/gateway-signer';
import type { ConsentAnswer, ConsentChecker, ConsentQuestion } from './consent-question';
import { RequestConsent, type DecisionRecord } from './request-consent';

class GrantingChecker implements ConsentChecker {
  async check(questions: readonly ConsentQuestion[]): Promise<ConsentAnswer[]> {
    return questions.map(() => 'granted');
  }
}

/** An audit sink whose appends finish only when the test says so. */
function heldSink() {
  const appends: { records: DecisionRecord[]; finish(): void; fail(error: Error): void }[] = [];
  const sink = (_requester: unknown, _requestId: string, records: DecisionRecord[]) =>
    new Promise<void>((resolve, reject) => {
      appends.push({ records, finish: resolve, fail: reject });
    });
  return { sink, appends };
}

const PATIENT = { id: 'patient-1', consentAddress: '0x00000000000000000000000000000000000000c1' };
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Whether `promise` has settled after the queued work has run. */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await settle();
  return settled;
}

describe('RequestConsent audit hand-off', () => {
  it('hands the decisions made together to the audit log at once, in one append, before flush', async () => {
    const { sink, appends } = heldSink();
    const consent = new RequestConsent(TEST_REQUESTER, 'request-1', new GrantingChecker(), sink);
    await Promise.all([
      consent.decide(PATIENT, [ConsentCategory.Conditions], 'Patient.conditions'),
      consent.decide(PATIENT, [ConsentCategory.Labs], 'Patient.observations'),
      consent.decide(PATIENT, [ConsentCategory.Encounters], 'Patient.encounters'),
    ]);
    await settle();
    // Already on its way to the store while the resolvers go on: no flush called yet.
    expect(appends).toHaveLength(1);
    expect(appends[0]!.records.map((r) => r.field).sort()).toEqual([
      'Patient.conditions',
      'Patient.encounters',
      'Patient.observations',
    ]);
    expect(consent.decisions).toEqual([]);
  });

  it('resolves flush only once every append of the request is committed', async () => {
    const { sink, appends } = heldSink();
    const consent = new RequestConsent(TEST_REQUESTER, 'request-2', new GrantingChecker(), sink);
    await consent.decide(PATIENT, [ConsentCategory.Conditions], 'Patient.conditions');
    await settle();
    // A decision made later (a record's own category) goes in a second append.
    await consent.decide(PATIENT, [ConsentCategory.MentalHealth], 'Patient.conditions');
    const flushed = consent.flush();
    expect(appends).toHaveLength(2);
    expect(await hasSettled(flushed)).toBe(false);
    appends[1]!.finish();
    expect(await hasSettled(flushed)).toBe(false);
    appends[0]!.finish();
    await expect(flushed).resolves.toBeUndefined();
  });

  it('fails flush when an early append failed, even with nothing left to write (fail closed)', async () => {
    const { sink, appends } = heldSink();
    const consent = new RequestConsent(TEST_REQUESTER, 'request-3', new GrantingChecker(), sink);
    await consent.decide(PATIENT, [ConsentCategory.Labs], 'Patient.observations');
    await settle();
    appends[0]!.fail(new Error('disk full'));
    await settle();
    await expect(consent.flush()).rejects.toThrow('disk full');
    expect(appends).toHaveLength(1);
  });

  it('records a decision asked twice for the same field once', async () => {
    const { sink, appends } = heldSink();
    const consent = new RequestConsent(TEST_REQUESTER, 'request-4', new GrantingChecker(), sink);
    await consent.decide(PATIENT, [ConsentCategory.Labs], 'Patient.observations');
    await consent.decide(PATIENT, [ConsentCategory.Labs], 'Patient.observations');
    const flushed = consent.flush();
    for (const append of appends) append.finish();
    await flushed;
    expect(appends.flatMap((a) => a.records)).toHaveLength(1);
  });
});

describe('RequestConsent under gateway custody', () => {
  it('commits nothing itself and hands every decision to the answer once, after execution', async () => {
    const { sink, appends } = heldSink();
    const consent = new RequestConsent(
      TEST_REQUESTER,
      'request-5',
      new GrantingChecker(),
      sink,
      true,
      'gateway',
    );
    await consent.decide(PATIENT, [ConsentCategory.Labs], 'Patient.observations');
    await settle();
    await consent.decide(PATIENT, [ConsentCategory.Conditions], 'Patient.conditions');
    await consent.flush();
    expect(appends).toEqual([]);
    const report = consent.takeReportForGateway();
    expect(report?.map((r) => [r.field, r.category, r.decision])).toEqual([
      ['Patient.observations', 'LABS', 'GRANTED'],
      ['Patient.conditions', 'CONDITIONS', 'GRANTED'],
    ]);
    expect(report?.every((r) => r.patientId === PATIENT.id && r.purpose === 'TREAT')).toBe(true);
    expect(consent.takeReportForGateway()).toEqual([]);
  });

  it('has no report when the subgraph commits its own decisions', async () => {
    const { sink } = heldSink();
    const consent = new RequestConsent(TEST_REQUESTER, 'request-6', new GrantingChecker(), sink);
    expect(consent.takeReportForGateway()).toBeUndefined();
  });
});
