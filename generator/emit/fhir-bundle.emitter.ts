import { ALLERGIES } from '../catalog/allergies';
import { SYSTEM } from '../catalog/code-systems';
import { CONDITIONS } from '../catalog/conditions';
import { MEDICATIONS } from '../catalog/medications';
import type { Person, PersonEncounter, PopulationOptions } from '../population';
import { VENDOR_SYSTEMS } from '../vendor-systems';
import type { EmittedFile } from './emitted-file';
import {
  concept,
  derivedUuid,
  labObservation,
  smokingStatusObservation,
  urn,
  vitalSignObservations,
  type Json,
} from './fhir-observations';

/** Riverside Health, the EHR's own organisation (service provider of every visit). */
const ORGANIZATION_ID = derivedUuid('riverside-health:organization');

const CHECK_UP = {
  system: SYSTEM.snomed,
  code: '185349003',
  display: 'Encounter for check up (procedure)',
};
const FOLLOW_UP = {
  system: SYSTEM.snomed,
  code: '390906007',
  display: 'Follow-up encounter (procedure)',
};

function identifierType(code: string, display: string): Json {
  return { coding: [{ system: SYSTEM.v2IdentifierType, code, display }], text: display };
}

function patientResource(person: Person): Json {
  return {
    resourceType: 'Patient',
    id: person.ids.fhirPatientId,
    identifier: [
      {
        use: 'usual',
        type: identifierType('MR', 'Medical Record Number'),
        system: VENDOR_SYSTEMS.riversideMrn,
        value: person.ids.mrn,
      },
      {
        type: identifierType('SS', 'Social Security Number'),
        system: VENDOR_SYSTEMS.ssn,
        value: person.ssn,
      },
    ],
    name: [
      {
        use: 'official',
        family: person.name.family,
        given: person.name.given,
        prefix: [person.name.prefix],
      },
    ],
    telecom: [{ system: 'phone', value: person.phone, use: 'home' }],
    gender: person.gender,
    birthDate: person.birthDate,
    address: [
      {
        line: [person.address.line],
        city: person.address.city,
        state: person.address.state,
        postalCode: person.address.postalCode,
        country: person.address.country,
      },
    ],
  };
}

function organizationResource(): Json {
  return {
    resourceType: 'Organization',
    id: ORGANIZATION_ID,
    identifier: [
      { system: `${VENDOR_SYSTEMS.ehrFhirBase}/Organization`, value: 'riverside-health' },
    ],
    active: true,
    type: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/organization-type',
            code: 'prov',
            display: 'Healthcare Provider',
          },
        ],
      },
    ],
    name: 'Riverside Health',
  };
}

function conditionIdOf(person: Person, key: string | null): string | null {
  return person.conditions.find((c) => c.key === key)?.id ?? null;
}

function encounterResource(person: Person, visit: PersonEncounter): Json {
  const reason = CONDITIONS.find((c) => c.key === visit.reason);
  const conditionId = conditionIdOf(person, visit.reason);
  return {
    resourceType: 'Encounter',
    id: visit.id,
    status: 'finished',
    class: { system: SYSTEM.actCode, code: 'AMB', display: 'ambulatory' },
    type: [concept(reason ? FOLLOW_UP : CHECK_UP)],
    subject: { reference: urn(person.ids.fhirPatientId) },
    period: { start: visit.start, end: visit.end },
    ...(reason ? { reasonCode: [concept(reason.snomed)] } : {}),
    ...(conditionId ? { reasonReference: [{ reference: urn(conditionId) }] } : {}),
    serviceProvider: { reference: urn(ORGANIZATION_ID) },
  };
}

function conditionResources(person: Person): Json[] {
  return person.conditions.map((condition) => {
    const definition = CONDITIONS.find((c) => c.key === condition.key)!;
    return {
      resourceType: 'Condition',
      id: condition.id,
      clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'active' }] },
      verificationStatus: { coding: [{ system: SYSTEM.conditionVerification, code: 'confirmed' }] },
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-category',
              code: 'problem-list-item',
              display: 'Problem List Item',
            },
          ],
        },
      ],
      code: concept(definition.snomed, definition.icd10),
      subject: { reference: urn(person.ids.fhirPatientId) },
      onsetDateTime: condition.onsetDate,
      recordedDate: condition.onsetDate,
    };
  });
}

function medicationResources(person: Person): Json[] {
  return person.medications.map((medication) => {
    const definition = MEDICATIONS.find((m) => m.key === medication.key)!;
    const reasonId = conditionIdOf(person, definition.treats);
    return {
      resourceType: 'MedicationRequest',
      id: medication.id,
      status: medication.status,
      intent: 'order',
      medicationCodeableConcept: concept(definition.rxnorm),
      subject: { reference: urn(person.ids.fhirPatientId) },
      authoredOn: medication.authoredOn,
      ...(reasonId ? { reasonReference: [{ reference: urn(reasonId) }] } : {}),
      dosageInstruction: [{ sequence: 1, text: definition.dosage }],
    };
  });
}

function allergyResources(person: Person): Json[] {
  return person.allergies.map((allergy) => {
    const definition = ALLERGIES.find((a) => a.key === allergy.key)!;
    const severe = definition.reaction.code === '39579001';
    return {
      resourceType: 'AllergyIntolerance',
      id: allergy.id,
      clinicalStatus: { coding: [{ system: SYSTEM.allergyClinical, code: 'active' }] },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'confirmed',
          },
        ],
      },
      type: 'allergy',
      category: [definition.category],
      criticality: severe ? 'high' : 'low',
      code: concept(definition.code),
      patient: { reference: urn(person.ids.fhirPatientId) },
      recordedDate: allergy.recordedDate,
      reaction: [
        { manifestation: [concept(definition.reaction)], severity: severe ? 'severe' : 'mild' },
      ],
    };
  });
}

function labReport(person: Person, visit: PersonEncounter, resultIds: string[]): Json {
  return {
    resourceType: 'DiagnosticReport',
    id: derivedUuid(`${visit.id}:lab-report`),
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0074',
            code: 'LAB',
            display: 'Laboratory',
          },
        ],
      },
    ],
    code: concept({ system: SYSTEM.loinc, code: '11502-2', display: 'Laboratory report' }),
    subject: { reference: urn(person.ids.fhirPatientId) },
    encounter: { reference: urn(visit.id) },
    effectiveDateTime: visit.labs[0]!.effective,
    issued: visit.labs[0]!.effective,
    result: resultIds.map((id) => ({ reference: urn(id) })),
  };
}

function visitResources(person: Person, visit: PersonEncounter): Json[] {
  const ctx = {
    patientId: person.ids.fhirPatientId,
    encounterId: visit.id,
    effective: visit.start,
  };
  const resources: Json[] = [encounterResource(person, visit)];
  if (visit.vitals) resources.push(...vitalSignObservations(ctx, visit.vitals));
  const labs = visit.labs.map((lab) => labObservation(ctx, lab));
  resources.push(...labs);
  if (labs.length > 0)
    resources.push(
      labReport(
        person,
        visit,
        labs.map((l) => String(l.id)),
      ),
    );
  return resources;
}

/**
 * One FHIR R4 transaction Bundle per person, shaped like Synthea's: every entry has a
 * `urn:uuid:` fullUrl that the others reference, and a PUT request on its own id (so
 * re-sending the file is idempotent on any FHIR server). Only visits the EHR
 * recorded (source `ehr-fhir`) are included; hospital visits travel over HL7 v2.
 * Deterministic: the same person always gives the same bytes.
 */
export function emitFhirBundles(person: Person, options: PopulationOptions): EmittedFile[] {
  const visits = person.encounters.filter((e) => e.source === 'ehr-fhir');
  const resources: Json[] = [
    patientResource(person),
    organizationResource(),
    ...conditionResources(person),
    ...visits.flatMap((visit) => visitResources(person, visit)),
    ...medicationResources(person),
    ...allergyResources(person),
  ];
  const latest = visits.at(-1);
  if (latest) resources.push(smokingStatusObservation(person, latest));
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    timestamp: options.asOf.toISOString(),
    entry: resources.map((resource) => ({
      fullUrl: urn(String(resource.id)),
      resource,
      request: { method: 'PUT', url: `${String(resource.resourceType)}/${String(resource.id)}` },
    })),
  };
  return [{ path: `${person.key}.json`, content: `${JSON.stringify(bundle, null, 2)}\n` }];
}
