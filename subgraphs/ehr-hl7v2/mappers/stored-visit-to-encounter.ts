import type { CodeableConcept, Coding } from '../../shared/fhir/coding.type';
import type { Encounter } from '../../shared/fhir/encounter.type';
import type { Reference } from '../../shared/fhir/reference.type';
import { clean, getComponents, getRepetitions, getValue } from '../hl7/hl7-access';
import { encodingFromString, parseSegmentText } from '../hl7/hl7-segment-text';
import type { StoredVisit } from '../store';
import { cweToCodeableConcept, v2TableConcept } from './coding-systems';
import { plToDisplay, xcnToDisplay } from './person-datatypes';
import { formatOf } from './source-system';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

// Table 0004 (patient class, PV1-2) to v3 ActCode, per the v2-to-FHIR IG.
const ENCOUNTER_CLASS: Record<string, [string, string]> = {
  I: ['IMP', 'inpatient encounter'],
  E: ['EMER', 'emergency'],
  O: ['AMB', 'ambulatory'],
  P: ['PRENC', 'pre-admission'],
  R: ['AMB', 'ambulatory'],
  B: ['IMP', 'inpatient encounter'],
};

// Table 0007 (admission type, PV1-4).
const ADMISSION_TYPE: Record<string, string> = {
  A: 'Accident',
  C: 'Elective',
  E: 'Emergency',
  L: 'Labor and Delivery',
  N: 'Newborn',
  R: 'Routine',
  U: 'Urgent',
};

function classCoding(patientClass: string | null): Coding | null {
  const mapped = patientClass ? ENCOUNTER_CLASS[patientClass] : undefined;
  if (!mapped) return null;
  return {
    system: ACT_CODE,
    code: mapped[0],
    display: mapped[1],
    version: null,
    userSelected: null,
  };
}

function tableCode(table: string, code: string, displays: Record<string, string> = {}) {
  return code ? v2TableConcept(table, code, displays[code]) : null;
}

function practitioner(display: string | null): Reference | null {
  return display ? { reference: null, type: 'Practitioner', display } : null;
}

/**
 * A stored visit as a FHIR Encounter, per the v2-to-FHIR IG's PV1 mapping: class
 * from PV1-2, type from PV1-4, serviceType PV1-10, period PV1-44/45, location
 * PV1-3, participants PV1-7/8/9/17, admit source PV1-14, discharge disposition
 * PV1-36, reason PV2-3. Status is what the ADT events so far imply.
 */
export function storedVisitToEncounter(row: StoredVisit): Encounter {
  const encoding = encodingFromString(row.encoding);
  const pv1 = parseSegmentText(row.pv1, encoding);
  const pv2 = row.pv2 ? parseSegmentText(row.pv2, encoding) : null;
  const location = plToDisplay(getComponents(pv1, 3));
  const participants = [7, 8, 9, 17]
    .flatMap((field) => getRepetitions(pv1, field))
    .map((xcn) => practitioner(xcnToDisplay(xcn)))
    .filter((ref): ref is Reference => ref !== null);
  const reason = pv2 ? cweToCodeableConcept(getComponents(pv2, 3)) : null;
  const serviceType = clean(getValue(pv1, 10));
  const admitSource = clean(getValue(pv1, 14));
  const disposition = clean(getValue(pv1, 36));
  const facility = clean(getValue(pv1, 3, 1, 4, 1)) || clean(getValue(pv1, 39));
  return {
    id: row.id,
    status: row.status,
    class: classCoding(row.patientClass),
    type: [tableCode('0007', clean(getValue(pv1, 4)), ADMISSION_TYPE)].filter(
      (concept): concept is CodeableConcept => concept !== null,
    ),
    serviceType: tableCode('0069', serviceType),
    period:
      row.admitTime || row.dischargeTime ? { start: row.admitTime, end: row.dischargeTime } : null,
    reasonCode: reason ? [reason] : [],
    hospitalization:
      admitSource || disposition
        ? {
            admitSource: tableCode('0023', admitSource),
            dischargeDisposition: tableCode('0112', disposition),
          }
        : null,
    location: location
      ? [
          {
            location: { reference: null, type: 'Location', display: location },
            status: row.status === 'finished' ? 'completed' : 'active',
            period: null,
          },
        ]
      : [],
    serviceProvider: facility ? { reference: null, type: 'Organization', display: facility } : null,
    participant: participants,
    source: {
      subgraph: 'ehr-hl7v2',
      system: row.sourceSystem,
      recordId: row.visitNumber ?? `${row.firstControlId}/PV1`,
      format: formatOf(row.version),
    },
  };
}
