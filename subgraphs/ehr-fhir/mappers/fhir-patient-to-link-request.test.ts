import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../shared/config/project-paths';
import type { FhirJson } from '../fhir/fhir-json';
import { fhirPatientToLinkRequest } from './fhir-patient-to-link-request';

describe('fhirPatientToLinkRequest', () => {
  it('puts the EHR key first, then every identifier with its type, then demographics', () => {
    const patient = JSON.parse(
      fs.readFileSync(
        path.join(PROJECT_ROOT, 'test/fixtures/fhir-r4/Patient-example.json'),
        'utf8',
      ),
    ) as FhirJson;
    const request = fhirPatientToLinkRequest(patient, 'https://ehr.example/fhir/');
    expect(request.source).toBe('ehr-fhir');
    expect(request.identifiers).toEqual([
      { system: 'https://ehr.example/fhir/Patient', value: 'example' },
      { system: 'urn:oid:1.2.36.146.595.217.0.1', value: '12345', use: 'usual', typeCode: 'MR' },
    ]);
    expect(request.demographics).toMatchObject({ birthDate: '1974-12-25', gender: 'male' });
    expect(request.demographics?.names?.[0]).toEqual({
      use: 'official',
      family: 'Chalmers',
      given: ['Peter', 'James'],
    });
    expect(request.demographics?.addresses?.[0]?.city).toBe('PleasantVille');
  });

  it('leaves out what identity would refuse rather than losing the link', () => {
    const request = fhirPatientToLinkRequest(
      {
        resourceType: 'Patient',
        id: 'p',
        identifier: [
          { value: 'no-system' },
          { system: 's', value: 'v' },
          { system: 's', value: 'v' },
        ],
        birthDate: '1970-01-01T00:00:00',
        gender: 'M',
      },
      'https://ehr.example/fhir',
    );
    expect(request.identifiers.map((i) => i.value)).toEqual(['p', 'v']);
    expect(request.demographics).toMatchObject({ birthDate: null, gender: null });
  });
});
