import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { emitFhirBundles } from '../generator/emit/fhir-bundle.emitter';
import { emitHl7v2Messages } from '../generator/emit/hl7v2.emitter';
import { generatePerson } from '../generator/population';
import { makeTempDir } from './helpers/temp-dir';
import path from 'node:path';
import { LABS } from '../generator/catalog/labs';
import { CONDITIONS } from '../generator/catalog/conditions';
import { VENDOR_SYSTEMS } from '../generator/vendor-systems';
import { sensitiveCategoriesOf } from '../subgraphs/shared/consent/record-sensitivity';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * The running patient graph, end to end: the real stack (anvil and the consent
 * registry, four subgraph processes, the gateway process), seeded through each
 * vendor's ingest path, and one query that spans all four subgraphs for one
 * patient. Every value is checked against the generated source data.
 */
describe('PatientGraph stack', () => {
  let t: TestStack;
  let token: string;

  beforeAll(async () => {
    t = await startTestStack();
    token = await t.token({ org: 'riverside-health' });
  }, 180_000);

  afterAll(async () => {
    await t?.stop();
  });

  const loincOf = (key: string) => LABS.find((l) => l.key === key)!.loinc.code;
  const isProtectedLab = (key: string) =>
    sensitiveCategoriesOf([{ system: 'http://loinc.org', code: loincOf(key) }]).length > 0;

  it('answers one query across identity, ehr-fhir, ehr-hl7v2 and wearables', async () => {
    const person = t.people[0]!; // every fourth person has diabetes and a CGM
    expect(person.wearable?.cgm).toBeTruthy();
    const search = await t.graphql<{ patients: { edges: { node: { id: string } }[] } }>(
      'query($name: String, $birthDate: String) { patients(name: $name, birthDate: $birthDate) { edges { node { id } } } }',
      { name: `${person.name.family} ${person.name.given[0]}`, birthDate: person.birthDate },
      token,
    );
    expect(search.errors).toBeUndefined();
    expect(search.data!.patients.edges).toHaveLength(1);
    const id = search.data!.patients.edges[0]!.node.id;

    // Means come rounded to 2 decimals. Wearable streams are written in the patient's local time (New York, -05:00 in November).
    const from = '2026-11-18T00:00:00-05:00';
    const to = '2026-11-20T00:00:00-05:00';
    const result = await t.graphql<{
      patient: {
        name: { family: string; given: string[] }[];
        birthDate: string;
        gender: string;
        identifiers: { system: string; value: string; source: string }[];
        conditions: { code: { coding: { system: string; code: string }[] } }[];
        observations: {
          code: { coding: { code: string }[] };
          valueQuantity: { value: number; unit: string } | null;
          source: { subgraph: string };
        }[];
        labResults: {
          code: { coding: { system: string; code: string }[] };
          valueQuantity: { value: number } | null;
          source: { subgraph: string; format: string };
        }[];
        visits: { id: string; class: { code: string } | null; source: { subgraph: string } }[];
        glucose: { unit: string; buckets: { count: number; mean: number }[] };
        heartRate: { unit: string; buckets: { count: number }[] };
      };
    }>(
      `query($id: ID!, $from: String!, $to: String!) {
        patient(id: $id) {
          name { family given } birthDate gender
          identifiers { system value source }
          conditions { code { coding { system code } } }
          observations(category: "laboratory") { code { coding { code } } valueQuantity { value unit } source { subgraph } }
          labResults { code { coding { system code } } valueQuantity { value } source { subgraph format } }
          visits { id class { code } source { subgraph } }
          glucose(from: $from, to: $to, bucket: "1d") { unit buckets { count mean } }
          heartRate(from: $from, to: $to, bucket: "1h") { unit buckets { count } }
        }
      }`,
      { id, from, to },
      token,
    );
    expect(result.errors).toBeUndefined();
    const patient = result.data!.patient;

    // identity: demographics and every vendor's identifier.
    expect(patient.name[0]).toMatchObject({ family: person.name.family, given: person.name.given });
    expect(patient.birthDate).toBe(person.birthDate);
    expect(patient.gender).toBe(person.gender);
    const values = patient.identifiers.map((i) => i.value);
    expect(values).toEqual(
      expect.arrayContaining([
        person.ids.fhirPatientId,
        person.ids.mrn,
        person.ids.hl7PatientId,
        person.ssn,
        person.wearable!.userId,
      ]),
    );
    expect(new Set(patient.identifiers.map((i) => i.source))).toEqual(
      new Set(['ehr-fhir', 'ehr-hl7v2', 'wearables']),
    );

    // ehr-fhir: conditions (ICD-10 and SNOMED kept) and labs from the EHR's own visits.
    const diabetes = CONDITIONS.find((c) => c.key === 'diabetes')!;
    expect(
      patient.conditions.some((c) =>
        c.code.coding.some(
          (x) => x.system === diabetes.icd10.system && x.code === diabetes.icd10.code,
        ),
      ),
    ).toBe(true);
    const ehrLabs = person.encounters
      .filter((e) => e.source === 'ehr-fhir')
      .flatMap((e) => e.labs)
      .filter((l) => !isProtectedLab(l.key));
    expect(patient.observations).toHaveLength(ehrLabs.length);
    expect(patient.observations.every((o) => o.source.subgraph === 'ehr-fhir')).toBe(true);

    // ehr-hl7v2: the same kind of fact (labs) from the other vendor, saying so.
    const hl7Labs = person.encounters
      .filter((e) => e.source === 'ehr-hl7v2')
      .flatMap((e) => e.labs)
      .filter((l) => !isProtectedLab(l.key));
    expect(
      patient.labResults
        .map((l) => l.code.coding.find((c) => c.system === 'http://loinc.org')?.code)
        .sort(),
    ).toEqual(hl7Labs.map((l) => loincOf(l.key)).sort());
    expect(
      patient.labResults.every(
        (l) => l.source.subgraph === 'ehr-hl7v2' && l.source.format.startsWith('HL7 v2'),
      ),
    ).toBe(true);
    // Values are the ones the feed reported (HbA1c of every hospital visit, as numbers).
    const a1cValues = (rows: { value: unknown }[]) => rows.map((r) => r.value).sort();
    expect(
      a1cValues(
        patient.labResults
          .filter((l) => l.code.coding.some((c) => c.code === '4548-4'))
          .map((l) => ({ value: l.valueQuantity?.value })),
      ),
    ).toEqual(a1cValues(hl7Labs.filter((l) => l.key === 'hba1c')));
    expect(patient.visits).toHaveLength(
      person.encounters.filter((e) => e.source === 'ehr-hl7v2').length,
    );

    // wearables: two days of 5-minute CGM readings and heart rate, in daily/hourly buckets.
    expect(patient.glucose.unit).toBe('mg/dL');
    const egvs = JSON.parse(
      fs.readFileSync(
        path.join(
          t.stack.seed!.dir,
          'wearables',
          'dexcom',
          person.wearable!.cgm!.serial,
          'egvs.json',
        ),
        'utf8',
      ),
    ) as { records: { displayTime: string; value: number }[] };
    const days = ['2026-11-18', '2026-11-19'].map((day) =>
      egvs.records.filter((r) => r.displayTime.startsWith(day)),
    );
    expect(patient.glucose.buckets.map((b) => b.count)).toEqual(days.map((d) => d.length));
    expect(patient.glucose.buckets.map((b) => b.mean)).toEqual(
      days.map((d) => expect.closeTo(d.reduce((sum, r) => sum + r.value, 0) / d.length, 2)),
    );
    expect(days.map((d) => d.length)).toEqual([288, 288]);
    expect(patient.heartRate.buckets.reduce((n, b) => n + b.count, 0)).toBeGreaterThan(0);
    expect(VENDOR_SYSTEMS.fitbitUser).toBeTruthy();
  });

  it('ingests a folder with `patientgraph ingest`: each file by its format, rejects with reasons, dead letters kept', async () => {
    const temp = makeTempDir('ingest-cli');
    try {
      const options = {
        seed: 99,
        size: 1,
        asOf: new Date('2026-11-20T00:00:00Z'),
        wearableDays: 1,
      };
      const newcomer = generatePerson(options, 0);
      fs.writeFileSync(
        path.join(temp.dir, 'bundle.json'),
        emitFhirBundles(newcomer, options)[0]!.content,
      );
      fs.writeFileSync(
        path.join(temp.dir, 'adt.hl7'),
        emitHl7v2Messages(newcomer, options)[0]!.content,
      );
      fs.writeFileSync(
        path.join(temp.dir, 'broken.json'),
        '{"resourceType": "Observation", "status": 42}',
      );
      fs.writeFileSync(path.join(temp.dir, 'notes.txt'), 'not a clinical message');
      const cli = promisify(execFile);
      const result = await cli(
        process.execPath,
        [
          path.join(__dirname, '..', 'bin', 'patientgraph.js'),
          'ingest',
          temp.dir,
          '--fhir-url',
          t.stack.subgraphUrls['ehr-fhir'],
          '--hl7v2-url',
          t.stack.subgraphUrls['ehr-hl7v2'],
          '--mllp',
          `${t.stack.mllp.host}:${t.stack.mllp.port}`,
          '--wearables-url',
          t.stack.subgraphUrls.wearables,
        ],
        { env: { ...process.env, PATIENTGRAPH_HOME: t.stack.home } },
      ).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(result.code).toBe(2); // completed, with rejections
      expect(result.stdout).toMatch(
        /^FHIR R4: \d+ resources accepted, \d+ duplicates, 1 rejected$/m,
      );
      expect(result.stdout).toMatch(/broken\.json.*status/);
      expect(result.stdout).toMatch(/^HL7 v2: [1-9]\d* messages accepted/m);
      expect(result.stdout).toMatch(/^unrecognised: 0 files accepted, 0 duplicates, 1 rejected$/m);
      const deadLetters = path.join(t.stack.home, 'dead-letter');
      const [run] = fs.readdirSync(deadLetters);
      const rejections = fs
        .readFileSync(path.join(deadLetters, run!, 'rejections.ndjson'), 'utf8')
        .trim()
        .split('\n');
      expect(rejections).toHaveLength(2);
      expect(fs.readdirSync(path.join(deadLetters, run!, 'inputs')).sort()).toEqual([
        '1-broken.json',
        '2-notes.txt',
      ]);
    } finally {
      temp.cleanup();
    }
  });

  it('serves /healthz', async () => {
    const response = await fetch(t.stack.gatewayUrl.replace(/\/graphql$/, '/healthz'));
    expect(response.status).toBe(200);
  });
});
