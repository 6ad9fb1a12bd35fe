import { createHash } from 'node:crypto';
import { SYSTEM, type Code } from '../catalog/code-systems';
import { labByKey } from '../catalog/labs';
import { SOCIAL_HISTORY, VITALS } from '../catalog/vitals';
import type { LabResult, Person, PersonEncounter, VitalSigns } from '../population';

/** FHIR JSON as the emitter writes it (plain data, key order = output order). */
export type Json = Record<string, unknown>;

/** A stable UUID derived from a seed (name-based, v5 layout), so emitted ids never change. */
export function derivedUuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const urn = (id: string) => `urn:uuid:${id}`;

export function concept(...codes: Code[]): Json {
  return {
    coding: codes.map((c) => ({ system: c.system, code: c.code, display: c.display })),
    text: codes[0]?.display,
  };
}

function category(code: string, display: string): Json[] {
  return [{ coding: [{ system: SYSTEM.observationCategory, code, display }] }];
}

function quantity(value: number, unit: string): Json {
  return { value, unit, system: SYSTEM.ucum, code: unit };
}

const INTERPRETATION: Record<string, string> = {
  H: 'High',
  L: 'Low',
  N: 'Normal',
  POS: 'Positive',
  NEG: 'Negative',
};

function interpretation(code: string): Json[] {
  return [{ coding: [{ system: SYSTEM.interpretation, code, display: INTERPRETATION[code] }] }];
}

interface ObservationContext {
  patientId: string;
  encounterId: string;
  effective: string;
}

function observation(
  ctx: ObservationContext,
  id: string,
  categoryCode: [string, string],
  code: Code,
  value: Json,
): Json {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: category(...categoryCode),
    code: concept(code),
    subject: { reference: urn(ctx.patientId) },
    encounter: { reference: urn(ctx.encounterId) },
    effectiveDateTime: ctx.effective,
    issued: ctx.effective,
    ...value,
  };
}

/** The vital signs of one visit (FHIR vital-signs profile), BP as a panel with components. */
export function vitalSignObservations(ctx: ObservationContext, vitals: VitalSigns): Json[] {
  const id = (kind: string) => derivedUuid(`${vitals.id}:${kind}`);
  const vital = (kind: keyof typeof VITALS, value: number) =>
    observation(ctx, id(kind), ['vital-signs', 'Vital Signs'], VITALS[kind].code, {
      valueQuantity: quantity(value, VITALS[kind].unit),
    });
  const bp = observation(
    ctx,
    id('bloodPressure'),
    ['vital-signs', 'Vital Signs'],
    VITALS.bloodPressure.code,
    {
      component: [
        { code: concept(VITALS.systolic.code), valueQuantity: quantity(vitals.systolic, 'mm[Hg]') },
        {
          code: concept(VITALS.diastolic.code),
          valueQuantity: quantity(vitals.diastolic, 'mm[Hg]'),
        },
      ],
    },
  );
  return [
    vital('heartRate', vitals.heartRate),
    bp,
    vital('weight', vitals.weightKg),
    vital('height', vitals.heightCm),
    vital('bmi', vitals.bmi),
    vital('temperature', vitals.temperatureC),
    vital('oxygenSaturation', vitals.oxygenSaturation),
    vital('respiratoryRate', vitals.respiratoryRate),
  ];
}

/** One lab result: UCUM quantity with reference range and H/L/N, or a coded qualitative answer. */
export function labObservation(ctx: ObservationContext, lab: LabResult): Json {
  const definition = labByKey(lab.key);
  const ctxAt = { ...ctx, effective: lab.effective };
  if (definition.qualitative || typeof lab.value !== 'number') {
    const positive = lab.value === 'positive';
    const answer = positive ? definition.qualitative!.positive : definition.qualitative!.negative;
    return observation(ctxAt, lab.id, ['laboratory', 'Laboratory'], definition.loinc, {
      valueCodeableConcept: concept(answer),
      interpretation: interpretation(positive ? 'POS' : 'NEG'),
    });
  }
  const flag =
    definition.high !== undefined && lab.value > definition.high
      ? 'H'
      : definition.low !== undefined && lab.value < definition.low
        ? 'L'
        : 'N';
  const range: Json = {};
  if (definition.low !== undefined) range.low = quantity(definition.low, definition.unit);
  if (definition.high !== undefined) range.high = quantity(definition.high, definition.unit);
  return observation(ctxAt, lab.id, ['laboratory', 'Laboratory'], definition.loinc, {
    valueQuantity: quantity(lab.value, definition.unit),
    interpretation: interpretation(flag),
    referenceRange: [range],
  });
}

/** Tobacco smoking status (social history), recorded at the person's latest EHR visit. */
export function smokingStatusObservation(person: Person, visit: PersonEncounter): Json {
  const answer =
    person.smoking === 'current'
      ? SOCIAL_HISTORY.currentSmoker
      : person.smoking === 'former'
        ? SOCIAL_HISTORY.formerSmoker
        : SOCIAL_HISTORY.neverSmoker;
  return observation(
    { patientId: person.ids.fhirPatientId, encounterId: visit.id, effective: visit.start },
    derivedUuid(`${person.ids.fhirPatientId}:smoking-status`),
    ['social-history', 'Social History'],
    SOCIAL_HISTORY.tobaccoStatus,
    { valueCodeableConcept: concept(answer) },
  );
}
