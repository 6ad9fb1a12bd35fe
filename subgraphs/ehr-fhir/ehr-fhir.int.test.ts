import { emitFhirBundles } from '../../generator/emit/fhir-bundle.emitter';
import { generatePerson, type Person, type PopulationOptions } from '../../generator/population';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { startEhrFhirPair, type EhrFhirPair } from './ehr-fhir.test-harness';

const OPTIONS: PopulationOptions = {
  seed: 20261125,
  size: 50,
  asOf: new Date('2026-11-25T00:00:00Z'),
  wearableDays: 1,
};
const PATIENT_SYSTEM = `${VENDOR_SYSTEMS.ehrFhirBase}/Patient`;

interface Coding {
  system: string;
  code: string;
}
interface EntitiesResult {
  _entities: {
    encounters: {
      id: string;
      status: string;
      period: { start: string };
      source: Record<string, string>;
    }[];
    conditions: { id: string; code: { coding: Coding[] }; clinicalStatus: { coding: Coding[] } }[];
    observations: {
      id: string;
      effectiveDateTime: string;
      component: { code: { coding: Coding[] }; valueQuantity: { value: number; unit: string } }[];
      source: Record<string, string>;
    }[];
    labs: { code: { coding: Coding[] }; valueQuantity: { value: number } | null }[];
    medications: {
      status: string;
      medicationCodeableConcept: { coding: Coding[] };
      dosageInstruction: { text: string }[];
    }[];
    allergies: {
      code: { coding: Coding[] };
      reaction: { manifestation: { coding: Coding[] }[] }[];
    }[];
  }[];
}

const ENTITIES_QUERY = `query($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Patient {
      encounters { id status period { start } source { subgraph system recordId format } }
      conditions(clinicalStatus: "active") { id code { coding { system code } } clinicalStatus { coding { system code } } }
      observations(code: "http://loinc.org|85354-9", first: 1) {
        id effectiveDateTime
        component { code { coding { system code } } valueQuantity { value unit } }
        source { subgraph system recordId format }
      }
      labs: observations(category: "laboratory") { code { coding { system code } } valueQuantity { value } }
      medications { status medicationCodeableConcept { coding { system code } } dosageInstruction { text } }
      allergies { code { coding { system code } } reaction { manifestation { coding { system code } } } }
    }
  }
}`;

describe('ehr-fhir subgraph (identity + ehr-fhir over HTTP, SQLite stores)', () => {
  let pair: EhrFhirPair;
  // Person 28: diabetes, hypertension and hyperlipidemia, five medications, one allergy.
  const person: Person = generatePerson(OPTIONS, 28);
  const other: Person = generatePerson(OPTIONS, 6);

  beforeAll(async () => {
    pair = await startEhrFhirPair();
  });
  afterAll(async () => {
    await pair.close();
  });

  async function ingest(p: Person) {
    const [file] = emitFhirBundles(p, OPTIONS);
    return pair.post('/fhir', file!.content);
  }

  async function globalPatient(p: Person) {
    const result = await pair.signer.query<{
      patients: {
        edges: {
          node: { id: string; identifiers: { system: string; value: string; source: string }[] };
        }[];
      };
    }>(
      `${pair.identity!.url}/graphql`,
      'query($name: String) { patients(name: $name) { edges { node { id identifiers { system value source } } } } }',
      { name: `${p.name.family} ${p.name.given[0]}` },
    );
    const node = result.data?.patients.edges.find((e) =>
      e.node.identifiers.some((i) => i.value === p.ids.fhirPatientId),
    )?.node;
    if (!node) throw new Error('patient not linked in identity');
    return node;
  }

  it('stores an emitted transaction bundle and links its patient in identity', async () => {
    const response = await ingest(person);
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('transaction-response');
    const entries = response.body.entry as { response: { status: string; location: string } }[];
    expect(entries.every((e) => e.response.status === '201 Created')).toBe(true);
    expect(entries[0]!.response.location).toBe(`Patient/${person.ids.fhirPatientId}/_history/1`);

    const patient = await globalPatient(person);
    expect(patient.identifiers).toEqual(
      expect.arrayContaining([
        { system: PATIENT_SYSTEM, value: person.ids.fhirPatientId, source: 'ehr-fhir' },
        { system: VENDOR_SYSTEMS.riversideMrn, value: person.ids.mrn, source: 'ehr-fhir' },
        { system: VENDOR_SYSTEMS.ssn, value: person.ssn, source: 'ehr-fhir' },
      ]),
    );
  });

  it('answers Patient fields for _entities representations carrying identifiers', async () => {
    await ingest(other);
    const patient = await globalPatient(person);
    const otherPatient = await globalPatient(other);
    const reps = [patient, otherPatient].map((p) => ({
      __typename: 'Patient',
      id: p.id,
      linkKeys: p.identifiers.map(({ system, value }) => ({ system, value })),
    }));
    const result = await pair.signer.query<EntitiesResult>(
      `${pair.ehr.url}/graphql`,
      ENTITIES_QUERY,
      {
        reps,
      },
    );
    expect(result.errors).toBeUndefined();
    const [mine, theirs] = result.data!._entities;

    const visits = person.encounters.filter((e) => e.source === 'ehr-fhir');
    expect(mine!.encounters.map((e) => e.id)).toEqual(visits.map((v) => v.id).reverse());
    expect(mine!.encounters[0]!.source).toEqual({
      subgraph: 'ehr-fhir',
      system: VENDOR_SYSTEMS.ehrFhirBase,
      recordId: `Encounter/${visits.at(-1)!.id}`,
      format: 'FHIR R4',
    });

    // Every condition keeps both its SNOMED CT and ICD-10-CM codings.
    expect(mine!.conditions.map((c) => c.id).sort()).toEqual(
      person.conditions.map((c) => c.id).sort(),
    );
    for (const condition of mine!.conditions) {
      expect(condition.code.coding.map((c) => c.system)).toEqual([
        'http://snomed.info/sct',
        'http://hl7.org/fhir/sid/icd-10-cm',
      ]);
    }

    // The newest blood pressure panel is the last visit's, with both components.
    const [bp] = mine!.observations;
    const lastVitals = visits.at(-1)!.vitals!;
    expect(bp!.effectiveDateTime).toBe(visits.at(-1)!.start);
    expect(bp!.component.map((c) => [c.code.coding[0]!.code, c.valueQuantity.value])).toEqual([
      ['8480-6', lastVitals.systolic],
      ['8462-4', lastVitals.diastolic],
    ]);
    expect(bp!.source.recordId).toBe(`Observation/${bp!.id}`);
    expect(mine!.labs.length).toBe(visits.reduce((n, v) => n + v.labs.length, 0));

    expect(mine!.medications.map((m) => m.medicationCodeableConcept.coding[0]!.system)).toEqual(
      person.medications.map(() => 'http://www.nlm.nih.gov/research/umls/rxnorm'),
    );
    expect(mine!.medications.every((m) => m.dosageInstruction[0]!.text.length > 0)).toBe(true);
    expect(mine!.allergies).toHaveLength(person.allergies.length);

    // The second patient sees only its own records.
    expect(theirs!.encounters.map((e) => e.id).sort()).toEqual(
      other.encounters
        .filter((e) => e.source === 'ehr-fhir')
        .map((e) => e.id)
        .sort(),
    );
  });

  it('returns nothing for a patient without an identifier in this EHR', async () => {
    const result = await pair.signer.query<EntitiesResult>(
      `${pair.ehr.url}/graphql`,
      ENTITIES_QUERY,
      {
        reps: [{ __typename: 'Patient', id: 'x', linkKeys: [{ system: 'urn:other', value: '1' }] }],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]!.encounters).toEqual([]);
  });

  it('rejects bad arguments with BAD_USER_INPUT', async () => {
    const reps = [
      { __typename: 'Patient', id: 'x', linkKeys: [{ system: PATIENT_SYSTEM, value: '1' }] },
    ];
    for (const args of [
      'first: 0',
      'first: 1001',
      'from: "yesterday"',
      'from: "2024-05-01", to: "2024-01-01"',
    ]) {
      const result = await pair.signer.query(
        `${pair.ehr.url}/graphql`,
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Patient { observations(${args}) { id } } } }`,
        { reps },
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
