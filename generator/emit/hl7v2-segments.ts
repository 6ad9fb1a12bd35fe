import { CONDITIONS } from '../catalog/conditions';
import { LAB_PANELS, labByKey, type LabDefinition } from '../catalog/labs';
import type { LabResult, Person, PersonEncounter } from '../population';
import { VENDOR_SYSTEMS } from '../vendor-systems';
import { formatHl7DateTime } from '../../subgraphs/ehr-hl7v2/hl7/hl7-datetime';
import {
  encodeMshSegment,
  encodeSegment,
  repeated,
  type Hl7FieldValue,
} from '../../subgraphs/ehr-hl7v2/hl7/hl7-writer';

/**
 * Segment builders for the hospital lab/ADT feed (HL7 v2.5.1), the way Riverside
 * General's systems write them: times in US Eastern local time with their offset,
 * the lab's own patient id and the hospital MRN in PID-3, UCUM units, LOINC codes.
 */

/** US Eastern offset (minutes east of UTC) at an instant: EDT from the second Sunday of March, 02:00, to the first Sunday of November, 02:00. */
export function easternOffset(at: Date): number {
  const year = at.getUTCFullYear();
  const nthSunday = (month: number, n: number) => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + (n - 1) * 7;
  };
  const dstStart = Date.UTC(year, 2, nthSunday(2, 2), 7); // 02:00 EST
  const dstEnd = Date.UTC(year, 10, nthSunday(10, 1), 6); // 02:00 EDT
  const t = at.getTime();
  return t >= dstStart && t < dstEnd ? -240 : -300;
}

export function hl7Time(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return formatHl7DateTime(date, easternOffset(date));
}

export interface MessageHeader {
  type: [string, string, string];
  controlId: string;
  at: Date;
}

export function msh(header: MessageHeader): string {
  return encodeMshSegment([
    VENDOR_SYSTEMS.hl7SendingApplication,
    VENDOR_SYSTEMS.hl7SendingFacility,
    'PATIENTGRAPH',
    'PATIENTGRAPH',
    hl7Time(header.at),
    null,
    header.type,
    header.controlId,
    'P',
    '2.5.1',
    null,
    null,
    // MSH-15/16 empty: original acknowledgment mode, one AA/AE/AR per message.
    null,
    null,
    null,
    'UNICODE UTF-8',
  ]);
}

export function evn(event: string, at: Date): string {
  return encodeSegment('EVN', [event, hl7Time(at), null, null, null, hl7Time(at)]);
}

export function pid(person: Person): string {
  const [first, ...middle] = person.name.given;
  const [area, exchange, line] = person.phone.split('-');
  return encodeSegment('PID', [
    '1',
    null,
    repeated(
      [person.ids.hl7PatientId, null, null, VENDOR_SYSTEMS.hospitalLabAuthority, 'PI'],
      [person.ids.mrn, null, null, VENDOR_SYSTEMS.riversideMrnAuthority, 'MR'],
    ),
    null,
    [person.name.family, first, middle.join(' ') || null, null, person.name.prefix, null, 'L'],
    null,
    person.birthDate.replace(/-/g, ''),
    person.gender === 'female' ? 'F' : 'M',
    null,
    null,
    [
      person.address.line,
      null,
      person.address.city,
      person.address.state,
      person.address.postalCode,
      person.address.country,
      'H',
    ],
    null,
    [person.phone, 'PRN', 'PH', null, null, area, `${exchange}${line}`],
    null,
    null,
    null,
    null,
    null,
    person.ssn,
  ]);
}

/** Deterministic staff and beds for a visit (drawn by the emitter from its own stream). */
export interface VisitStaff {
  attending: [string, string, string];
  bed: string;
}

export function pv1(encounter: PersonEncounter, staff: VisitStaff, discharged: boolean): string {
  const inpatient = encounter.kind === 'inpatient';
  const fields: Hl7FieldValue[] = [
    '1',
    inpatient ? 'I' : 'E',
    inpatient
      ? ['4W', staff.bed, 'A', VENDOR_SYSTEMS.hl7SendingFacility]
      : ['ED', staff.bed, null, VENDOR_SYSTEMS.hl7SendingFacility],
    inpatient ? 'U' : 'E',
    null,
    null,
    [
      staff.attending[0],
      staff.attending[1],
      staff.attending[2],
      null,
      null,
      'Dr.',
      'MD',
      null,
      'NPI',
    ],
    null,
    null,
    inpatient ? 'MED' : 'EME',
    null,
    null,
    null,
    inpatient ? '1' : '7',
    null,
    null,
    null,
    null,
    [encounter.visitNumber, null, null, VENDOR_SYSTEMS.hospitalLabAuthority, 'VN'],
  ];
  fields[35] = discharged ? '01' : null;
  fields[43] = hl7Time(encounter.start);
  fields[44] = discharged ? hl7Time(encounter.end) : null;
  return encodeSegment('PV1', fields);
}

/** PV2-3: the condition the visit was for, as SNOMED CT. */
export function pv2(encounter: PersonEncounter): string | null {
  const condition = CONDITIONS.find((c) => c.key === encounter.reason);
  if (!condition) return null;
  return encodeSegment('PV2', [
    null,
    null,
    [
      condition.snomed.code,
      condition.snomed.display,
      'SCT',
      condition.icd10.code,
      condition.icd10.display,
      'I10C',
    ],
  ]);
}

function formatValue(lab: LabDefinition, value: number): string {
  return value.toFixed(lab.decimals);
}

function referenceRange(lab: LabDefinition): string | null {
  if (lab.low !== undefined && lab.high !== undefined) return `${lab.low}-${lab.high}`;
  if (lab.high !== undefined) return `<${lab.high}`;
  if (lab.low !== undefined) return `>${lab.low}`;
  return null;
}

/** Table 0078 flag for a result: H/L against the reference range, A for a positive screen. */
export function abnormalFlag(lab: LabDefinition, value: LabResult['value']): string {
  if (typeof value !== 'number') return value === 'positive' ? 'A' : 'N';
  if (lab.low !== undefined && value < lab.low) return 'L';
  if (lab.high !== undefined && value > lab.high) return 'H';
  return 'N';
}

export function obx(setId: number, result: LabResult): string {
  const lab = labByKey(result.key);
  const code = [lab.loinc.code, lab.loinc.display, 'LN'];
  const observed = hl7Time(result.effective);
  if (typeof result.value !== 'number') {
    const answer = lab.qualitative![result.value];
    return encodeSegment('OBX', [
      String(setId),
      'CWE',
      code,
      null,
      [answer.code, answer.display, 'SCT'],
      null,
      null,
      abnormalFlag(lab, result.value),
      null,
      null,
      'F',
      null,
      null,
      observed,
    ]);
  }
  return encodeSegment('OBX', [
    String(setId),
    'NM',
    code,
    null,
    formatValue(lab, result.value),
    [lab.unit, lab.unit, 'UCUM'],
    referenceRange(lab),
    abnormalFlag(lab, result.value),
    null,
    null,
    'F',
    null,
    null,
    observed,
  ]);
}

/** The order a group of results belongs to: its panel, or the single test itself. */
export function orderCode(panel: string | null, firstLab: string): [string, string, string] {
  const code = panel ? LAB_PANELS.find((p) => p.key === panel)!.code : labByKey(firstLab).loinc;
  return [code.code, code.display, 'LN'];
}

export function orcObr(
  placer: string,
  filler: string,
  code: [string, string, string],
  collected: Date,
  reported: Date,
  staff: VisitStaff,
): string[] {
  const orderer = [
    staff.attending[0],
    staff.attending[1],
    staff.attending[2],
    null,
    null,
    'Dr.',
    'MD',
    null,
    'NPI',
  ];
  return [
    encodeSegment('ORC', [
      'RE',
      [placer, 'RIVERSIDE_EHR'],
      [filler, VENDOR_SYSTEMS.hospitalLabAuthority],
      null,
      'CM',
    ]),
    encodeSegment('OBR', [
      '1',
      [placer, 'RIVERSIDE_EHR'],
      [filler, VENDOR_SYSTEMS.hospitalLabAuthority],
      code,
      null,
      null,
      hl7Time(collected),
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      orderer,
      null,
      null,
      null,
      null,
      null,
      hl7Time(reported),
      null,
      null,
      'F',
    ]),
  ];
}
