import { createHash } from 'node:crypto';
import { clean, componentValue, getRepetitions, getValue } from '../hl7/hl7-access';
import { HL7_ERROR, type Hl7Message, type Hl7Problem, type Hl7Segment } from '../hl7/hl7-message';
import { encodingToString, messageToText, segmentToText } from '../hl7/hl7-segment-text';
import {
  identifierSystem,
  isSsn,
  normaliseSsn,
  type AuthoritySystems,
} from '../mappers/identifier-systems';
import { obrToOrder, obxToResult, type Hl7OrderRecord } from '../mappers/obx-to-result';
import { pidToPatient } from '../mappers/pid-to-patient';
import { pv1HasVisit, pv1ToVisit } from '../mappers/pv1-to-visit';
import { sourceSystemOf } from '../mappers/source-system';
import type { IngestPlan, PlanRejection, SegmentRecord } from './ingest-plan';
import type { Hl7Header } from './message-header';
import {
  MERGE_EVENTS,
  PERSON_ONLY_EVENTS,
  isResultType,
  isSupportedType,
  unsupportedEventReason,
} from './supported-messages';

export interface PlanOptions {
  authoritySystems: AuthoritySystems;
  /** Offset for HL7 times sent without one ("Z", "-05:00"). */
  defaultOffset: string;
  receivedAt: Date;
}

const KEY_FIELD: Record<string, [number, number]> = {
  PID: [3, 1],
  PV1: [19, 1],
  OBR: [4, 1],
  OBX: [3, 1],
  MRG: [1, 1],
  ORC: [2, 1],
  EVN: [1, 1],
  MSH: [10, 1],
};

function segmentRecord(segment: Hl7Segment): SegmentRecord {
  const key = KEY_FIELD[segment.name];
  const setId = segment.name === 'MSH' ? '' : clean(segment.fields[1]);
  return {
    position: segment.index,
    segmentType: segment.name,
    setId: /^\d{1,6}$/.test(setId) ? setId : null,
    keyValue: key ? clean(getValue(segment, key[0], 1, key[1])) || null : null,
    raw: segmentToText(segment),
  };
}

/**
 * The idempotency key. HL7 control ids are unique per sending system, not
 * globally; and real senders reuse them (the standard's own examples all say
 * MSG00001). A resend is the same sender, id and content (MSH-7 may be restamped);
 * a different message that reuses an id is a different message and is kept.
 */
function dedupKeyOf(header: Hl7Header, message: Hl7Message): string {
  const content = message.segments
    .map((segment) =>
      segment.name === 'MSH'
        ? segmentToText({
            ...segment,
            text: undefined,
            fields: segment.fields.map((f, i) => (i === 7 ? '' : f)),
          })
        : segmentToText(segment),
    )
    .join('\r');
  return createHash('sha256')
    .update(
      [header.sendingApplication, header.sendingFacility, header.controlId, content].join('\u0000'),
    )
    .digest('hex');
}

function problem(code: number, text: string, segment: string, field?: number): Hl7Problem {
  return { code, text, location: { segment, sequence: 1, field } };
}

/** What a message will write, or why it is refused. Pure. */
export function planMessage(
  message: Hl7Message,
  header: Hl7Header,
  options: PlanOptions,
): IngestPlan | PlanRejection {
  const type = header.messageType;
  // v2.1/2.2 results often carry no trigger; ORU had one event then.
  const event = type === 'ORU' && !header.triggerEvent ? 'R01' : header.triggerEvent;
  if (!isSupportedType(type)) {
    return {
      code: 'AR',
      problems: [
        problem(
          HL7_ERROR.unsupportedMessageType,
          `Unsupported message type ${type.slice(0, 10)}: this feed takes ADT, ORU and OUL`,
          'MSH',
          9,
        ),
      ],
    };
  }
  const unsupported = unsupportedEventReason(type, event.slice(0, 10));
  if (unsupported) {
    return {
      code: 'AR',
      problems: [problem(HL7_ERROR.unsupportedEventCode, unsupported, 'MSH', 9)],
    };
  }
  const results = isResultType(type);
  const senderScope = header.sendingFacility || header.sendingApplication;
  const mapping = { authoritySystems: options.authoritySystems, senderScope };
  const plan: IngestPlan = {
    header: { ...header, triggerEvent: event },
    dedupKey: dedupKeyOf(header, message),
    raw: messageToText(message),
    encoding: encodingToString(message.encoding),
    sourceSystem: sourceSystemOf(header.sendingApplication, header.sendingFacility),
    receivedAt: options.receivedAt,
    segments: message.segments.map(segmentRecord),
    patients: [],
    visits: [],
    orders: [],
    results: [],
    merges: [],
  };
  const evn = message.segments.find((s) => s.name === 'EVN');
  let patientIndex = -1;
  let visitIndex: number | null = null;
  let order: { index: number; record: Hl7OrderRecord } | null = null;
  let lastResult: number | null = null;
  let ordinal = 0;
  const segments = message.segments;
  for (const segment of segments) {
    switch (segment.name) {
      case 'PID': {
        const patient = pidToPatient(segment, mapping);
        if (!patient) {
          return {
            code: 'AE',
            problems: [
              problem(
                HL7_ERROR.requiredFieldMissing,
                'PID-3 patient identifier list is empty',
                'PID',
                3,
              ),
            ],
          };
        }
        plan.patients.push(patient);
        patientIndex = plan.patients.length - 1;
        visitIndex = null;
        order = null;
        lastResult = null;
        break;
      }
      case 'PV1': {
        if (patientIndex < 0 || PERSON_ONLY_EVENTS.has(event) || !pv1HasVisit(segment)) break;
        const next = segments[segment.index + 1];
        const pv2 = next?.name === 'PV2' ? next : undefined;
        const record = pv1ToVisit(segment, pv2, evn, event, options.defaultOffset);
        // A result's PV1 without a visit number or admit time cannot be found again.
        if (results && record.key === null) break;
        plan.visits.push({ patientIndex, record, fromAdt: !results });
        visitIndex = plan.visits.length - 1;
        break;
      }
      case 'MRG': {
        if (!MERGE_EVENTS.has(event) || patientIndex < 0) break;
        const prior = getRepetitions(segment, 1).find((cx) => clean(componentValue(cx, 1)));
        if (!prior) {
          return {
            code: 'AE',
            problems: [
              problem(
                HL7_ERROR.requiredFieldMissing,
                'MRG-1 prior patient identifier is missing',
                'MRG',
                1,
              ),
            ],
          };
        }
        const value = clean(componentValue(prior, 1));
        plan.merges.push({
          patientIndex,
          priorSystem: identifierSystem(prior, options.authoritySystems, senderScope),
          priorValue: isSsn(prior, options.authoritySystems) ? normaliseSsn(value) : value,
        });
        break;
      }
      case 'OBR': {
        if (!results) break;
        const record = obrToOrder(segment, options.defaultOffset);
        plan.orders.push({ ...record, patientIndex, visitIndex });
        order = { index: plan.orders.length - 1, record };
        lastResult = null;
        break;
      }
      case 'OBX': {
        if (!results || patientIndex < 0) break;
        ordinal += 1;
        const result = obxToResult(segment, order, ordinal, options.defaultOffset);
        plan.results.push({ ...result, patientIndex, visitIndex });
        lastResult = plan.results.length - 1;
        break;
      }
      case 'NTE': {
        if (lastResult === null) break;
        const text = getRepetitions(segment, 3)
          .map((rep) => rep.map((c) => c.join('&')).join('^'))
          .join('\n')
          .trim();
        if (text) plan.results[lastResult]!.notes.push(text);
        break;
      }
    }
  }
  if (plan.patients.length === 0) {
    return {
      code: 'AE',
      problems: [
        problem(HL7_ERROR.requiredFieldMissing, `${type}^${event} without a PID segment`, 'PID'),
      ],
    };
  }
  if (MERGE_EVENTS.has(event) && plan.merges.length === 0) {
    return {
      code: 'AE',
      problems: [
        problem(HL7_ERROR.segmentSequence, `${type}^${event} without an MRG segment`, 'MRG'),
      ],
    };
  }
  if (plan.orders.some((o) => o.patientIndex < 0)) {
    return {
      code: 'AE',
      problems: [problem(HL7_ERROR.segmentSequence, 'OBR before any PID segment', 'OBR')],
    };
  }
  return plan;
}

export function isRejection(value: IngestPlan | PlanRejection): value is PlanRejection {
  return 'problems' in value;
}
