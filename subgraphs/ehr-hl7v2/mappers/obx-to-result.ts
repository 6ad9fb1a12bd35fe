import { clean, getComponents, getRepetitions, getValue, componentValue } from '../hl7/hl7-access';
import { parseHl7DateTime } from '../hl7/hl7-datetime';
import type { Hl7Segment } from '../hl7/hl7-message';
import { segmentToText } from '../hl7/hl7-segment-text';
import { codingSystemUri } from './coding-systems';

/** An order (OBR) as the store keeps it. */
export interface Hl7OrderRecord {
  position: number;
  setId: string | null;
  placerOrderNumber: string | null;
  fillerOrderNumber: string | null;
  serviceCode: string | null;
  serviceCodeSystem: string | null;
  serviceText: string | null;
  observedTime: string | null;
  observedAt: Date | null;
  issuedTime: string | null;
  resultStatus: string | null;
  raw: string;
}

/** A result (OBX) as the store keeps it: key fields as columns, plus the raw segment. */
export interface Hl7ResultRecord {
  /** Index into the plan's orders of the OBR this OBX follows, if any. */
  orderIndex: number | null;
  ordinal: number;
  setId: string | null;
  valueType: string | null;
  code: string | null;
  codeSystem: string | null;
  codeSystemUri: string | null;
  altCode: string | null;
  altCodeSystem: string | null;
  altCodeSystemUri: string | null;
  codeText: string | null;
  subId: string | null;
  value: string | null;
  units: string | null;
  referenceRange: string | null;
  abnormalFlags: string | null;
  status: string | null;
  effectiveTime: string | null;
  effectiveAt: Date | null;
  issuedTime: string | null;
  orderStatus: string | null;
  notes: string[];
  raw: string;
}

const orNull = (value: string): string | null => clean(value) || null;

export function obrToOrder(obr: Hl7Segment, defaultOffset: string): Hl7OrderRecord {
  const observed = parseHl7DateTime(clean(getValue(obr, 7, 1, 1)), defaultOffset);
  const issued = parseHl7DateTime(clean(getValue(obr, 22, 1, 1)), defaultOffset);
  return {
    position: obr.index,
    setId: orNull(getValue(obr, 1)),
    placerOrderNumber: orNull(getValue(obr, 2, 1, 1)),
    fillerOrderNumber: orNull(getValue(obr, 3, 1, 1)),
    serviceCode: orNull(getValue(obr, 4, 1, 1)),
    serviceCodeSystem: orNull(getValue(obr, 4, 1, 3)),
    serviceText: orNull(getValue(obr, 4, 1, 2)),
    observedTime: observed?.fhir ?? null,
    observedAt: observed?.instant ?? null,
    issuedTime: issued?.fhir ?? null,
    resultStatus: orNull(getValue(obr, 25)),
    raw: segmentToText(obr),
  };
}

/** A readable OBX-5 (first repetition): coded values as their text, numbers as sent. */
function valueText(obx: Hl7Segment, valueType: string): string | null {
  const first = getRepetitions(obx, 5)[0];
  if (!first) return null;
  if (['CE', 'CWE', 'CNE', 'CF'].includes(valueType)) {
    return orNull(componentValue(first, 2)) ?? orNull(componentValue(first, 1));
  }
  if (valueType === 'SN') return orNull(first.map((component) => component.join('')).join(''));
  return orNull(
    first
      .map((component) => component.join('&'))
      .join('^')
      .replace(/\^+$/, ''),
  );
}

/**
 * OBX to its stored columns. The result's time is OBX-14, else its order's OBR-7;
 * its status OBX-11, with OBR-25 kept beside it for results that leave it empty.
 */
export function obxToResult(
  obx: Hl7Segment,
  order: { index: number; record: Hl7OrderRecord } | null,
  ordinal: number,
  defaultOffset: string,
): Hl7ResultRecord {
  const valueType = clean(getValue(obx, 2)).toUpperCase();
  const code = getComponents(obx, 3);
  const observed = parseHl7DateTime(clean(getValue(obx, 14, 1, 1)), defaultOffset);
  const flags = getRepetitions(obx, 8)
    .map((flag) => clean(componentValue(flag, 1)))
    .filter(Boolean);
  return {
    orderIndex: order?.index ?? null,
    ordinal,
    setId: orNull(getValue(obx, 1)),
    valueType: valueType || null,
    code: orNull(componentValue(code, 1)),
    codeSystem: orNull(componentValue(code, 3)),
    codeSystemUri: codingSystemUri(componentValue(code, 3)),
    altCode: orNull(componentValue(code, 4)),
    altCodeSystem: orNull(componentValue(code, 6)),
    altCodeSystemUri: codingSystemUri(componentValue(code, 6)),
    codeText: orNull(componentValue(code, 9)) ?? orNull(componentValue(code, 2)),
    subId: orNull(getValue(obx, 4)),
    value: valueText(obx, valueType),
    units: orNull(getValue(obx, 6, 1, 1)),
    referenceRange: orNull(getValue(obx, 7)),
    abnormalFlags: flags.length ? flags.join('~') : null,
    status: orNull(getValue(obx, 11)),
    effectiveTime: observed?.fhir ?? order?.record.observedTime ?? null,
    effectiveAt: observed?.instant ?? order?.record.observedAt ?? null,
    issuedTime: order?.record.issuedTime ?? null,
    orderStatus: order?.record.resultStatus ?? null,
    notes: [],
    raw: segmentToText(obx),
  };
}
