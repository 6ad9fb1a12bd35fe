import type { Observation } from '../../shared/fhir/observation.type';
import { clean, getComponents, getRepetitions, getValue } from '../hl7/hl7-access';
import { encodingFromString, parseSegmentText } from '../hl7/hl7-segment-text';
import type { StoredResult } from '../store';
import { cweToCodeableConcept } from './coding-systems';
import { abnormalFlagsToInterpretation } from './interpretation';
import { obxValueToFhir } from './obx-value';
import { referenceRangeFromText } from './reference-range';
import { resultStatusToFhir } from './result-status';
import { formatOf } from './source-system';
import { unitsToQuantityFields } from './units';

const LABORATORY = {
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'laboratory',
      display: 'Laboratory',
      version: null,
      userSelected: null,
    },
  ],
  text: null,
};

const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

/**
 * A stored OBX as a FHIR Observation, following the HL7 v2-to-FHIR IG's OBX
 * mapping: OBX-3 code (LOINC as http://loinc.org), OBX-5 value by OBX-2 type,
 * OBX-6 units (UCUM when declared or recognised), OBX-7 reference range, OBX-8
 * interpretation, OBX-11 status (else OBR-25), OBX-14 time (else OBR-7), NTE
 * notes. Read from the raw segment, so every component the sender gave is used.
 */
export function storedResultToObservation(row: StoredResult, defaultOffset = 'Z'): Observation {
  const obx = parseSegmentText(row.raw, encodingFromString(row.encoding));
  const units = getComponents(obx, 6);
  const unit = unitsToQuantityFields(units);
  const value = obxValueToFhir(
    clean(getValue(obx, 2)),
    getRepetitions(obx, 5),
    units,
    defaultOffset,
  );
  const status = resultStatusToFhir(row.status, row.orderStatus);
  const notes = JSON.parse(row.notesJson) as string[];
  if (value.note) notes.push(value.note);
  const hasValue = Boolean(
    value.valueQuantity ||
    value.valueString ||
    value.valueCodeableConcept ||
    value.valueRange ||
    value.valueRatio ||
    value.valueDateTime,
  );
  const absentCode =
    !hasValue && (status === 'cancelled' || status === 'entered-in-error')
      ? status === 'cancelled'
        ? 'not-performed'
        : 'error'
      : null;
  const range = referenceRangeFromText(clean(getValue(obx, 7)), unit);
  return {
    id: row.id,
    status,
    category: [LABORATORY],
    code: cweToCodeableConcept(getComponents(obx, 3)) ?? { coding: [], text: 'Unknown test' },
    encounter: row.visitId
      ? { reference: `Encounter/${row.visitId}`, type: 'Encounter', display: null }
      : null,
    effectiveDateTime: row.effectiveTime,
    effectivePeriod: null,
    // FHIR `issued` is an instant: only a full time with its zone qualifies.
    issued: row.issuedTime && row.issuedTime.includes('T') ? row.issuedTime : null,
    valueQuantity: value.valueQuantity ?? null,
    valueCodeableConcept: value.valueCodeableConcept ?? null,
    valueString: value.valueString ?? null,
    valueBoolean: null,
    valueInteger: null,
    valueRange: value.valueRange ?? null,
    valueRatio: value.valueRatio ?? null,
    valueDateTime: value.valueDateTime ?? null,
    dataAbsentReason: absentCode
      ? {
          coding: [
            {
              system: DATA_ABSENT,
              code: absentCode,
              display: null,
              version: null,
              userSelected: null,
            },
          ],
          text: null,
        }
      : null,
    interpretation: abnormalFlagsToInterpretation(getRepetitions(obx, 8)),
    referenceRange: range ? [range] : [],
    component: [],
    note: notes,
    source: {
      subgraph: 'ehr-hl7v2',
      system: row.sourceSystem,
      recordId: `${row.controlId}/OBX/${row.ordinal}`,
      format: formatOf(row.version),
    },
  };
}
