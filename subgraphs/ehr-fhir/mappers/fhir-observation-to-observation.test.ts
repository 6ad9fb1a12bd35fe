import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../shared/config/project-paths';
import type { FhirJson } from '../fhir/fhir-json';
import { fhirObservationToObservation } from './fhir-observation-to-observation';

const BASE = 'https://ehr.example/fhir';

describe('fhirObservationToObservation', () => {
  it('maps the FHIR spec blood pressure example with its components and interpretation', () => {
    const resource = JSON.parse(
      fs.readFileSync(
        path.join(PROJECT_ROOT, 'test/fixtures/fhir-r4/Observation-blood-pressure.json'),
        'utf8',
      ),
    ) as FhirJson;
    const observation = fhirObservationToObservation(resource, BASE);
    expect(observation.id).toBe('blood-pressure');
    expect(observation.status).toBe('final');
    expect(observation.code.coding.map((c) => c.code)).toEqual(['85354-9']);
    expect(observation.category[0]!.coding[0]!.code).toBe('vital-signs');
    expect(observation.effectiveDateTime).toBe('2012-09-17');
    expect(
      observation.component.map((c) => [c.code.coding[0]!.code, c.valueQuantity?.value]),
    ).toEqual([
      ['8480-6', 107],
      ['8462-4', 60],
    ]);
    expect(observation.component[0]!.interpretation[0]!.coding[0]!.code).toBe('N');
    expect(observation.interpretation[0]!.coding[0]!.code).toBe('L');
    expect(observation.source).toEqual({
      subgraph: 'ehr-fhir',
      system: BASE,
      recordId: 'Observation/blood-pressure',
      format: 'FHIR R4',
    });
  });

  it('maps coded and quantity values, reference ranges and notes', () => {
    const observation = fhirObservationToObservation(
      {
        resourceType: 'Observation',
        id: 'lab-1',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] },
        valueQuantity: { value: 7.9, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
        referenceRange: [{ low: { value: 4, unit: '%' }, high: { value: 5.6, unit: '%' } }],
        note: [{ text: 'fasting' }],
      },
      BASE,
    );
    expect(observation.valueQuantity).toEqual({
      value: 7.9,
      comparator: null,
      unit: '%',
      system: 'http://unitsofmeasure.org',
      code: '%',
    });
    expect(observation.referenceRange[0]!.high?.value).toBe(5.6);
    expect(observation.note).toEqual(['fasting']);
    expect(observation.valueCodeableConcept).toBeNull();
  });

  it('fills required fields of a degenerate resource instead of failing', () => {
    const observation = fhirObservationToObservation(
      { resourceType: 'Observation', id: 'x' },
      BASE,
    );
    expect(observation.status).toBe('unknown');
    expect(observation.code).toEqual({ coding: [], text: null });
    expect(observation.component).toEqual([]);
  });
});
