import { generatePerson, type PopulationOptions } from '../population';
import { VENDOR_SYSTEMS } from '../vendor-systems';
import { emitFhirBundles } from './fhir-bundle.emitter';

const OPTIONS: PopulationOptions = {
  seed: 7,
  size: 20,
  asOf: new Date('2026-06-01T00:00:00Z'),
  wearableDays: 1,
};

interface Entry {
  fullUrl: string;
  resource: Record<string, unknown> & { resourceType: string; id: string };
  request: { method: string; url: string };
}

function bundleOf(index: number) {
  const person = generatePerson(OPTIONS, index);
  const files = emitFhirBundles(person, OPTIONS);
  expect(files).toHaveLength(1);
  expect(files[0]!.path).toBe(`${person.key}.json`);
  const bundle = JSON.parse(files[0]!.content) as { type: string; entry: Entry[] };
  return { person, bundle, content: files[0]!.content };
}

function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => referencesIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'reference' && typeof v === 'string') out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}

describe('emitFhirBundles', () => {
  it('is deterministic: the same person gives the same bytes', () => {
    expect(bundleOf(3).content).toBe(bundleOf(3).content);
  });

  it('writes a transaction whose every reference resolves to an entry fullUrl', () => {
    for (let index = 0; index < 10; index++) {
      const { bundle } = bundleOf(index);
      expect(bundle.type).toBe('transaction');
      const fullUrls = new Set(bundle.entry.map((e) => e.fullUrl));
      expect(fullUrls.size).toBe(bundle.entry.length);
      for (const entry of bundle.entry) {
        expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource.id}`);
        expect(entry.request).toEqual({
          method: 'PUT',
          url: `${entry.resource.resourceType}/${entry.resource.id}`,
        });
        for (const reference of referencesIn(entry.resource))
          expect(fullUrls.has(reference)).toBe(true);
      }
    }
  });

  it('holds counts that trace back to the person', () => {
    const { person, bundle } = bundleOf(4);
    const count = (type: string) =>
      bundle.entry.filter((e) => e.resource.resourceType === type).length;
    const visits = person.encounters.filter((e) => e.source === 'ehr-fhir');
    expect(count('Patient')).toBe(1);
    expect(count('Encounter')).toBe(visits.length);
    expect(count('Condition')).toBe(person.conditions.length);
    expect(count('MedicationRequest')).toBe(person.medications.length);
    expect(count('AllergyIntolerance')).toBe(person.allergies.length);
    const labs = visits.reduce((n, v) => n + v.labs.length, 0);
    // 8 vital-sign observations per visit (BP as one panel), the labs, one smoking status.
    expect(count('Observation')).toBe(visits.length * 8 + labs + 1);
    expect(count('DiagnosticReport')).toBe(visits.filter((v) => v.labs.length > 0).length);
  });

  it('writes the patient with MRN (MR), SSN (SS) and demographics', () => {
    const { person, bundle } = bundleOf(5);
    const patient = bundle.entry[0]!.resource;
    expect(patient.id).toBe(person.ids.fhirPatientId);
    expect(patient.identifier).toEqual([
      expect.objectContaining({
        system: VENDOR_SYSTEMS.riversideMrn,
        value: person.ids.mrn,
        type: expect.objectContaining({ coding: [expect.objectContaining({ code: 'MR' })] }),
      }),
      expect.objectContaining({
        system: VENDOR_SYSTEMS.ssn,
        value: person.ssn,
        type: expect.objectContaining({ coding: [expect.objectContaining({ code: 'SS' })] }),
      }),
    ]);
    expect(patient.birthDate).toBe(person.birthDate);
    expect(patient.gender).toBe(person.gender);
  });

  it('flags out-of-range labs and codes conditions in SNOMED CT and ICD-10-CM', () => {
    const { person, bundle } = bundleOf(0); // index 0 always has diabetes
    const labs = bundle.entry
      .map((e) => e.resource)
      .filter(
        (r) =>
          r.resourceType === 'Observation' && JSON.stringify(r.category).includes('laboratory'),
      );
    const hba1c = labs.find((r) => JSON.stringify(r.code).includes('4548-4')) as
      | {
          valueQuantity: { value: number; code: string };
          interpretation: { coding: { code: string }[] }[];
          referenceRange: unknown[];
        }
      | undefined;
    expect(hba1c?.valueQuantity.code).toBe('%');
    expect(hba1c?.referenceRange).toHaveLength(1);
    const flag = hba1c!.interpretation[0]!.coding[0]!.code;
    expect(flag).toBe(
      hba1c!.valueQuantity.value > 5.6 ? 'H' : hba1c!.valueQuantity.value < 4 ? 'L' : 'N',
    );
    const diabetes = bundle.entry.find(
      (e) => e.resource.id === person.conditions.find((c) => c.key === 'diabetes')!.id,
    );
    expect(JSON.stringify(diabetes!.resource.code)).toContain('"E11.9"');
    expect(JSON.stringify(diabetes!.resource.code)).toContain('"44054006"');
  });
});
