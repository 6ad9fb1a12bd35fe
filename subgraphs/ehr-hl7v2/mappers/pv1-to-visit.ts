import { clean, getValue } from '../hl7/hl7-access';
import { parseHl7DateTime } from '../hl7/hl7-datetime';
import type { Hl7Segment } from '../hl7/hl7-message';
import { segmentToText } from '../hl7/hl7-segment-text';

/** A visit as one PV1 (and PV2) describes it. */
export interface Hl7VisitRecord {
  /**
   * How the visit is found again: `vn:<PV1-19.1>@<PV1-19.4>`, else `adm:<PV1-44>`;
   * null when the message names neither (then the patient's open visit is meant).
   */
  key: string | null;
  visitNumber: string | null;
  patientClass: string | null;
  admitTime: string | null;
  admitAt: Date | null;
  dischargeTime: string | null;
  dischargeAt: Date | null;
  pv1: string;
  pv2: string | null;
}

function dateTime(segment: Hl7Segment | undefined, field: number, defaultOffset: string) {
  if (!segment) return null;
  const text = clean(getValue(segment, field, 1, 1));
  return text ? parseHl7DateTime(text, defaultOffset) : null;
}

/** True when PV1 says anything beyond its set id (some senders send "PV1|1|N" only). */
export function pv1HasVisit(pv1: Hl7Segment): boolean {
  return pv1.fields.slice(2).some((field) => clean(field) !== '' && clean(field) !== 'N');
}

/**
 * PV1/PV2 to a visit record. Admission and discharge come from PV1-44/PV1-45;
 * for admit/register and discharge events without them, the event's own time
 * (EVN-6 occurred, else EVN-2 recorded) stands in, as the v2-to-FHIR IG does.
 */
export function pv1ToVisit(
  pv1: Hl7Segment,
  pv2: Hl7Segment | undefined,
  evn: Hl7Segment | undefined,
  triggerEvent: string,
  defaultOffset: string,
): Hl7VisitRecord {
  const visitNumber = clean(getValue(pv1, 19, 1, 1)) || null;
  const visitAuthority =
    clean(getValue(pv1, 19, 1, 4, 1)) || clean(getValue(pv1, 19, 1, 4, 2)) || '';
  const eventTime = dateTime(evn, 6, defaultOffset) ?? dateTime(evn, 2, defaultOffset);
  let admit = dateTime(pv1, 44, defaultOffset);
  let discharge = dateTime(pv1, 45, defaultOffset);
  if (!admit && ['A01', 'A04'].includes(triggerEvent)) admit = eventTime;
  if (!discharge && triggerEvent === 'A03') discharge = eventTime;
  const admitText = clean(getValue(pv1, 44, 1, 1));
  const key = visitNumber
    ? `vn:${visitNumber}@${visitAuthority}`
    : admitText
      ? `adm:${admitText}`
      : null;
  return {
    key,
    visitNumber,
    patientClass: clean(getValue(pv1, 2, 1, 1)).toUpperCase() || null,
    admitTime: admit?.fhir ?? null,
    admitAt: admit?.instant ?? null,
    dischargeTime: discharge?.fhir ?? null,
    dischargeAt: discharge?.instant ?? null,
    pv1: segmentToText(pv1),
    pv2:
      pv2 && pv2.fields.slice(1).some((field) => clean(field) !== '') ? segmentToText(pv2) : null,
  };
}

/**
 * FHIR Encounter.status after an ADT event: admit/register/transfer/arrival mean
 * the visit is under way, pre-admit and pending admit planned, discharge finished,
 * a cancelled admit or pre-admit cancelled, a cancelled discharge under way again,
 * leave of absence on leave, a deleted visit entered-in-error (kept, not deleted).
 * Other events (updates, tracking, pending transfers, results) keep the status,
 * unless they carry a discharge time.
 */
const STATUS_AFTER: Record<string, string> = {
  A01: 'in-progress',
  A02: 'in-progress',
  A04: 'in-progress',
  A06: 'in-progress',
  A07: 'in-progress',
  A10: 'in-progress',
  A12: 'in-progress',
  A13: 'in-progress',
  A22: 'in-progress',
  A05: 'planned',
  A14: 'planned',
  A03: 'finished',
  A11: 'cancelled',
  A27: 'cancelled',
  A38: 'cancelled',
  A21: 'onleave',
  A23: 'entered-in-error',
};

export function visitStatusAfter(
  triggerEvent: string,
  previous: string | null,
  dischargeKnown: boolean,
): string {
  const status = STATUS_AFTER[triggerEvent];
  if (status) return status;
  if (dischargeKnown) return 'finished';
  // A result's PV1 says a visit exists, not what state it is in.
  return previous ?? (triggerEvent.startsWith('R') ? 'unknown' : 'in-progress');
}
