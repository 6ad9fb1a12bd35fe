import fs from 'node:fs';
import path from 'node:path';
import { sendHl7v2Files } from '../../cli/ingest/hl7v2.sender';
import { labByKey } from '../../generator/catalog/labs';
import { emitHl7v2Messages } from '../../generator/emit/hl7v2.emitter';
import { generatePerson, type Person, type PopulationOptions } from '../../generator/population';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { SERVICE_TOKEN, startHl7Stack, type Hl7Stack } from './testing/hl7-test-harness';

const OPTIONS: PopulationOptions = {
  seed: 20261125,
  size: 50,
  asOf: new Date('2026-11-25T00:00:00Z'),
  wearableDays: 1,
};
const LAB_SYSTEM = `urn:patientgraph:hl7v2:${VENDOR_SYSTEMS.hospitalLabAuthority}`;

interface Key {
  system: string;
  value: string;
}
interface Observation {
  status: string;
  code: { coding: { system: string; code: string }[] };
  valueQuantity: { value: number; unit: string; system: string; code: string } | null;
  valueCodeableConcept: { coding: { code: string }[] } | null;
  interpretation: { coding: { code: string }[] }[];
  referenceRange: { low: { value: number } | null; high: { value: number } | null }[];
  effectiveDateTime: string;
  encounter: { reference: string } | null;
  source: { subgraph: string; system: string; recordId: string; format: string };
}
interface Encounter {
  id: string;
  status: string;
  class: { code: string };
  period: { start: string; end: string | null };
  reasonCode: { coding: { system: string; code: string }[] }[];
}
interface Entities {
  _entities: { labResults: Observation[]; glucose: Observation[]; visits: Encounter[] }[];
}

const ENTITIES = `query($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Patient {
      labResults {
        status code { coding { system code } }
        valueQuantity { value unit system code } valueCodeableConcept { coding { code } }
        interpretation { coding { code } } referenceRange { low { value } high { value } }
        effectiveDateTime encounter { reference } source { subgraph system recordId format }
      }
      glucose: labResults(code: "http://loinc.org|2345-7", first: 1) {
        status code { coding { system code } } valueQuantity { value unit system code }
        valueCodeableConcept { coding { code } } interpretation { coding { code } }
        referenceRange { low { value } high { value } } effectiveDateTime encounter { reference }
        source { subgraph system recordId format }
      }
      visits { id status class { code } period { start end } reasonCode { coding { system code } } }
    }
  }
}`;

describe('ehr-hl7v2 subgraph (identity + ehr-hl7v2, MLLP in, GraphQL out)', () => {
  let stack: Hl7Stack;
  const person: Person = generatePerson(OPTIONS, 8);
  const hospital = person.encounters.filter((e) => e.source === 'ehr-hl7v2');
  let file: string;
  let messageCount: number;

  beforeAll(async () => {
    stack = await startHl7Stack();
    const [emitted] = emitHl7v2Messages(person, OPTIONS);
    file = path.join(stack.dir, emitted!.path);
    fs.writeFileSync(file, emitted!.content);
    messageCount = emitted!.content.trimEnd().split('\n').length;
  });
  afterAll(async () => {
    await stack.close();
  });

  async function linkedKeys(): Promise<{ id: string; keys: Key[] }> {
    for (let attempt = 0; attempt < 100; attempt++) {
      await stack.hl7.settle();
      const row = await stack.store.hl7Patient.findFirst({
        where: { keySystem: LAB_SYSTEM, keyValue: person.ids.hl7PatientId },
      });
      if (row?.linkStatus === 'linked' && row.globalPatientId) {
        const result = await stack.signer.query<{ patient: { linkKeys: Key[] } }>(
          `${stack.identity!.url}/graphql`,
          'query($id: ID!) { patient(id: $id) { linkKeys { system value } } }',
          { id: row.globalPatientId },
        );
        return { id: row.globalPatientId, keys: result.data!.patient.linkKeys };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('patient never linked');
  }

  it('takes the emitted file over MLLP: every message AA, a resend all duplicates', async () => {
    const target = { baseUrl: stack.hl7.url, serviceToken: SERVICE_TOKEN, mllp: stack.mllp };
    const first = await sendHl7v2Files([file], target);
    expect(first).toMatchObject({ accepted: messageCount, duplicates: 0, rejected: [] });
    const again = await sendHl7v2Files([file], target);
    expect(again).toMatchObject({ accepted: 0, duplicates: messageCount, rejected: [] });
    expect(await stack.store.hl7Message.count()).toBe(messageCount);
  });

  it('links the patient in identity with the lab id, Riverside MRN and SSN', async () => {
    const { keys } = await linkedKeys();
    expect(keys).toEqual(
      expect.arrayContaining([
        { system: LAB_SYSTEM, value: person.ids.hl7PatientId },
        { system: VENDOR_SYSTEMS.riversideMrn, value: person.ids.mrn },
        { system: VENDOR_SYSTEMS.ssn, value: person.ssn },
      ]),
    );
  });

  it('answers labResults and visits for a Patient representation, tracing to the person', async () => {
    const { id, keys } = await linkedKeys();
    const result = await stack.signer.query<Entities>(`${stack.hl7.url}/graphql`, ENTITIES, {
      reps: [{ __typename: 'Patient', id, linkKeys: keys, consentAddress: null }],
    });
    expect(result.errors).toBeUndefined();
    const patient = result.data!._entities[0]!;
    const labs = hospital.flatMap((v) => v.labs);
    expect(patient.labResults).toHaveLength(labs.length);
    const times = patient.labResults.map((o) => Date.parse(o.effectiveDateTime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const glucose = labs
      .filter((l) => l.key === 'glucose')
      .sort((a, b) => b.effective.localeCompare(a.effective))[0]!;
    const definition = labByKey('glucose');
    const [latest] = patient.glucose;
    expect(patient.glucose).toHaveLength(1);
    expect(latest).toMatchObject({
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
      valueQuantity: {
        value: glucose.value,
        unit: 'mg/dL',
        system: 'http://unitsofmeasure.org',
        code: 'mg/dL',
      },
      referenceRange: [{ low: { value: definition.low }, high: { value: definition.high } }],
      source: { subgraph: 'ehr-hl7v2', format: 'HL7 v2.5.1' },
    });
    expect(Date.parse(latest!.effectiveDateTime)).toBe(Date.parse(glucose.effective));
    expect(latest!.effectiveDateTime).toMatch(/-0[45]:00$/);
    const flag =
      (glucose.value as number) > definition.high!
        ? 'H'
        : (glucose.value as number) < definition.low!
          ? 'L'
          : 'N';
    expect(latest!.interpretation[0]!.coding[0]!.code).toBe(flag);
    expect(latest!.source.recordId).toMatch(/^RVL0000008-\d{4}\/OBX\/\d+$/);

    expect(patient.visits).toHaveLength(hospital.length);
    const byStart = [...hospital].sort((a, b) => b.start.localeCompare(a.start));
    patient.visits.forEach((visit, index) => {
      const encounter = byStart[index]!;
      expect(visit.status).toBe('finished');
      expect(visit.class.code).toBe(encounter.kind === 'inpatient' ? 'IMP' : 'EMER');
      expect(Date.parse(visit.period.start)).toBe(Date.parse(encounter.start));
      expect(Date.parse(visit.period.end!)).toBe(Date.parse(encounter.end));
    });
    expect(patient.labResults.every((o) => o.encounter?.reference.startsWith('Encounter/'))).toBe(
      true,
    );
    const visitIds = new Set(patient.visits.map((v) => `Encounter/${v.id}`));
    expect(patient.labResults.every((o) => visitIds.has(o.encounter!.reference))).toBe(true);
  });

  it('returns nothing for identifiers it does not hold, and BAD_USER_INPUT for bad arguments', async () => {
    const query = (args: string) =>
      stack.signer.query<{ _entities: { labResults: unknown[] | null }[] }>(
        `${stack.hl7.url}/graphql`,
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Patient { labResults${args} { status } } } }`,
        {
          reps: [
            { __typename: 'Patient', id: 'x', linkKeys: [{ system: LAB_SYSTEM, value: 'nobody' }] },
          ],
        },
      );
    expect((await query('')).data?._entities[0]?.labResults).toEqual([]);
    const bad = await query('(from: "yesterday")');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await query('(first: 100000)');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('accepts raw messages at POST /hl7v2/messages (service token) with the same answers', async () => {
    const body = [
      'MSH|^~\\&|LAB|FAC|PG|PG|20240101||ADT^A04|HTTP-1|P|2.3\rPID|1||H-HTTP^^^RVLAB^PI||Web^Ann',
      'MSH|^~\\&|LAB|FAC|PG|PG|20240101||ORM^O01|HTTP-2|P|2.3\rPID|1||H-HTTP^^^RVLAB^PI',
    ].join('\n');
    const post = (token: string) =>
      fetch(`${stack.hl7.url}/hl7v2/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/hl7-v2', authorization: `Bearer ${token}` },
        body,
      });
    expect((await post('wrong')).status).toBe(401);
    const response = await post(SERVICE_TOKEN);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      accepted: 1,
      rejected: 1,
      results: [
        { line: 1, controlId: 'HTTP-1', code: 'AA' },
        {
          line: 3,
          controlId: 'HTTP-2',
          code: 'AR',
          reason: expect.stringMatching(/Unsupported message type/),
        },
      ],
    });
  });

  it("merges patients on ADT^A40: the merged patient's results move to the survivor", async () => {
    const msh = (type: string, id: string) =>
      `MSH|^~\\&|LAB|FAC|PG|PG|20240101||${type}|${id}|P|2.5.1`;
    const messages = [
      `${msh('ADT^A04', 'M-1')}\rEVN|A04\rPID|1||OLD-1^^^RVLAB^PI||Merge^Old`,
      `${msh('ORU^R01', 'M-2')}\rPID|1||OLD-1^^^RVLAB^PI\rOBR|1|||718-7^Hgb^LN\rOBX|1|NM|718-7^Hgb^LN||13|g/dL|||||F|||20240101`,
      `${msh('ADT^A04', 'M-3')}\rEVN|A04\rPID|1||NEW-1^^^RVLAB^PI||Merge^New`,
      `${msh('ADT^A40', 'M-4')}\rEVN|A40\rPID|1||NEW-1^^^RVLAB^PI||Merge^New\rMRG|OLD-1^^^RVLAB^PI`,
    ];
    const merged = path.join(stack.dir, 'merge.hl7');
    fs.writeFileSync(merged, messages.join('\n'));
    const summary = await sendHl7v2Files([merged], {
      baseUrl: stack.hl7.url,
      serviceToken: SERVICE_TOKEN,
      mllp: stack.mllp,
    });
    expect(summary).toMatchObject({ accepted: 4, rejected: [] });
    const result = await stack.signer.query<{
      _entities: { labResults: { code: { coding: { code: string }[] } }[] }[];
    }>(
      `${stack.hl7.url}/graphql`,
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Patient { labResults { code { coding { code } } } } } }',
      {
        reps: [
          { __typename: 'Patient', id: 'g', linkKeys: [{ system: LAB_SYSTEM, value: 'NEW-1' }] },
        ],
      },
    );
    expect(result.data?._entities[0]?.labResults.map((o) => o.code.coding[0]?.code)).toEqual([
      '718-7',
    ]);
    const mergeRow = await stack.store.hl7Merge.findFirst({ where: { mergedKeyValue: 'OLD-1' } });
    expect(mergeRow).toMatchObject({ movedResults: 1, identityStatus: 'pending' });
  });
});
