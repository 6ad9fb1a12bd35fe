import { Writable } from 'node:stream';
import pino from 'pino';
import type { GraphQLResolveInfo } from 'graphql';
import { ConsentCategory } from '../../../contracts/consent-codes';
import { ConsentRequiredError } from '../errors';
import { TEST_REQUESTER } from '../../../test/helpers/gateway-signer';
import { CONSENT_UNENFORCED_WARNING, warnWhenConsentUnenforced } from './consent-enforcement';
import type { ConsentAnswer, ConsentChecker, ConsentQuestion } from './consent-question';
import { RequestConsent } from './request-consent';
import { consentMiddleware } from './sensitive';

function capturingLogger() {
  const lines: Array<{ level: number; msg: string; consentEnforcement?: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** A checker that records every question it is asked and answers them all alike. */
class RecordingChecker implements ConsentChecker {
  readonly asked: ConsentQuestion[] = [];
  constructor(private readonly answer: ConsentAnswer) {}
  async check(questions: readonly ConsentQuestion[]): Promise<ConsentAnswer[]> {
    this.asked.push(...questions);
    return questions.map(() => this.answer);
  }
}

const PATIENT = { id: 'patient-1', consentAddress: '0x00000000000000000000000000000000000000c1' };
const INFO = { parentType: { name: 'Patient' }, fieldName: 'conditions' } as GraphQLResolveInfo;
const RECORDS = [{ code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006' }] } }];

function runField(consent: RequestConsent) {
  const middleware = consentMiddleware([ConsentCategory.Conditions], { records: true });
  return middleware({ root: PATIENT, args: {}, context: { consent }, info: INFO }, async () =>
    Promise.resolve(RECORDS),
  );
}

describe('consent enforcement switch', () => {
  it('warns loudly at start when enforcement is off', async () => {
    const { logger, lines } = capturingLogger();
    expect(warnWhenConsentUnenforced({ enforcement: 'off' }, logger)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: CONSENT_UNENFORCED_WARNING,
        consentEnforcement: 'off',
      }),
    ]);
  });

  it('says nothing when enforcement is on or not configured', async () => {
    const { logger, lines } = capturingLogger();
    expect(warnWhenConsentUnenforced({ enforcement: 'on' }, logger)).toBe(false);
    expect(warnWhenConsentUnenforced({}, logger)).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([]);
  });

  it('resolves sensitive fields without asking the registry or auditing when off', async () => {
    const checker = new RecordingChecker('denied');
    const audited: unknown[] = [];
    const consent = new RequestConsent(
      TEST_REQUESTER,
      'request-1',
      checker,
      async (_requester, _id, records) => void audited.push(...records),
      false,
    );
    await expect(runField(consent)).resolves.toEqual(RECORDS);
    const outcome = await consent.decide(PATIENT, [ConsentCategory.Demographics], 'Query.patients');
    expect(outcome).toEqual({ allowed: true, decision: 'GRANTED' });
    await consent.flush();
    expect(checker.asked).toEqual([]);
    expect(consent.decisions).toEqual([]);
    expect(audited).toEqual([]);
  });

  it('still checks and audits every sensitive field when on', async () => {
    const checker = new RecordingChecker('denied');
    const audited: unknown[] = [];
    const consent = new RequestConsent(
      TEST_REQUESTER,
      'request-2',
      checker,
      async (_r, _i, records) => void audited.push(...records),
    );
    await expect(runField(consent)).rejects.toBeInstanceOf(ConsentRequiredError);
    await consent.flush();
    expect(checker.asked).toHaveLength(1);
    expect(audited).toEqual([
      expect.objectContaining({
        patientId: 'patient-1',
        category: 'CONDITIONS',
        decision: 'DENIED',
      }),
    ]);
  });
});
