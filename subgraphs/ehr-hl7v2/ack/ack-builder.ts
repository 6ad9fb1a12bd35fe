import { formatHl7DateTime } from '../hl7/hl7-datetime';
import {
  DEFAULT_ENCODING,
  HL7_ERROR_TEXT,
  type Hl7Encoding,
  type Hl7Problem,
} from '../hl7/hl7-message';
import { escapeHl7 } from '../hl7/hl7-escape';
import { encodeMessage, encodeSegment, fieldText, type Hl7FieldValue } from '../hl7/hl7-writer';

export type AckCode = 'AA' | 'AE' | 'AR';

/** What the ACK answers: the incoming MSH as far as it could be read. */
export interface AckRequest {
  encoding: Hl7Encoding;
  controlId: string;
  triggerEvent: string;
  version: string;
  processingId: string;
  rawSendingApplication: string;
  rawSendingFacility: string;
  rawReceivingApplication: string;
  rawReceivingFacility: string;
}

export interface AckOptions {
  code: AckCode;
  /** Errors (AE/AR), or one informational note on an AA (a duplicate). */
  problems: Hl7Problem[];
  severity: 'E' | 'I';
  ackControlId: string;
  now: Date;
  /** Our own MSH-3/MSH-4, used when the sender did not name us in MSH-5/MSH-6. */
  application: string;
  facility: string;
}

/** The answer to a message too broken to read any MSH from. */
export function unreadableRequest(): AckRequest {
  return {
    encoding: DEFAULT_ENCODING,
    controlId: '',
    triggerEvent: '',
    version: '',
    processingId: '',
    rawSendingApplication: '',
    rawSendingFacility: '',
    rawReceivingApplication: '',
    rawReceivingFacility: '',
  };
}

function versionParts(version: string): [number, number] {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : [2, 5];
}

function atLeast(version: string, major: number, minor: number): boolean {
  const [a, b] = versionParts(version);
  return a > major || (a === major && b >= minor);
}

/**
 * Writes the ACK: delimiters, version and processing id mirror the message;
 * sending and receiving application/facility are swapped (raw, so HD components
 * come back exactly as sent); MSA-2 echoes MSH-10. Errors go where each version
 * expects them: ERR-1 (ELD) before v2.5, ERR-2/3/4/8 from v2.5, plus MSA-3 text
 * until v2.7 withdrew it.
 */
export function buildAck(request: AckRequest, options: AckOptions): string {
  const encoding = request.encoding;
  const version = request.version || '2.5';
  const typeField: Hl7FieldValue = !request.triggerEvent
    ? 'ACK'
    : atLeast(version, 2, 3) && version !== '2.3'
      ? ['ACK', request.triggerEvent, 'ACK']
      : ['ACK', request.triggerEvent];
  // Raw MSH-3..6 are already encoded with the sender's delimiters: they go in as is.
  const fields = [
    request.rawReceivingApplication || escapeHl7(options.application, encoding),
    request.rawReceivingFacility || escapeHl7(options.facility, encoding),
    request.rawSendingApplication,
    request.rawSendingFacility,
    formatHl7DateTime(options.now, 0),
    '',
    fieldText(typeField, encoding),
    fieldText(options.ackControlId, encoding),
    fieldText(request.processingId || 'P', encoding),
    fieldText(version, encoding),
  ];
  const chars =
    encoding.component +
    encoding.repetition +
    encoding.escape +
    encoding.subcomponent +
    encoding.truncation;
  const msh = `MSH${encoding.field}${chars}${encoding.field}${fields.join(encoding.field)}`;
  const text = options.problems.map((p) => p.text).join('; ');
  const msa = encodeSegment(
    'MSA',
    [options.code, request.controlId, atLeast(version, 2, 7) ? null : text || null],
    encoding,
  );
  const errors = options.problems.map((problem) =>
    atLeast(version, 2, 5) ? errV25(problem, options.severity, encoding) : errV2(problem, encoding),
  );
  return encodeMessage([msh, msa, ...errors]);
}

function errorCode(problem: Hl7Problem): string[] {
  return [String(problem.code), HL7_ERROR_TEXT[problem.code] ?? 'Error', 'HL70357'];
}

/** v2.5+: ERR-2 location, ERR-3 HL7 error code, ERR-4 severity, ERR-8 user message. */
function errV25(problem: Hl7Problem, severity: 'E' | 'I', encoding: Hl7Encoding): string {
  const location = problem.location;
  return encodeSegment(
    'ERR',
    [
      null,
      location
        ? [location.segment, location.sequence ?? 1, location.field, location.component]
        : null,
      errorCode(problem),
      severity,
      null,
      null,
      null,
      problem.text,
    ],
    encoding,
  );
}

/** v2.1-2.4: ERR-1 ELD = segment ^ sequence ^ field ^ code & text & table. */
function errV2(problem: Hl7Problem, encoding: Hl7Encoding): string {
  const location = problem.location;
  return encodeSegment(
    'ERR',
    [
      [
        location?.segment ?? '',
        location ? (location.sequence ?? 1) : null,
        location?.field ?? null,
        [String(problem.code), problem.text, 'HL70357'],
      ],
    ],
    encoding,
  );
}
