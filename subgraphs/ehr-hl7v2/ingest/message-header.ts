import { clean, findSegment, getValue, rawField } from '../hl7/hl7-access';
import {
  HL7_ERROR,
  type Hl7Encoding,
  type Hl7Message,
  type Hl7Problem,
  type Hl7Segment,
} from '../hl7/hl7-message';

/** What MSH says about a message: who sent it, what it is, how to answer it. */
export interface Hl7Header {
  encoding: Hl7Encoding;
  controlId: string;
  messageType: string;
  triggerEvent: string;
  messageStructure: string;
  /** MSH-12.1, e.g. "2.5.1" ('' when the sender left it out). */
  version: string;
  processingId: string;
  /** MSH-3..6, first component (namespace id) or universal id when that is all there is. */
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  messageDateTime: string;
  /** MSH-3..6 exactly as sent (still escaped), to mirror in the ACK. */
  rawSendingApplication: string;
  rawSendingFacility: string;
  rawReceivingApplication: string;
  rawReceivingFacility: string;
  /** MSH-15 / MSH-16 (accept / application acknowledgment type). */
  acceptAckType: string;
  applicationAckType: string;
}

function hdName(msh: Hl7Segment, field: number): string {
  return clean(getValue(msh, field, 1, 1)) || clean(getValue(msh, field, 1, 2));
}

/**
 * Reads MSH. `problems` lists what makes the message unanswerable as a data
 * message (no control id, no message type); the header is still filled as far as
 * it goes, so even a rejection can be acknowledged properly.
 */
export function readHeader(message: Hl7Message): { header: Hl7Header; problems: Hl7Problem[] } {
  const msh = findSegment(message, 'MSH')!;
  const problems: Hl7Problem[] = [];
  let messageType = clean(getValue(msh, 9, 1, 1)).toUpperCase();
  let triggerEvent = clean(getValue(msh, 9, 1, 2)).toUpperCase();
  // Pre-2.3 senders sometimes write the structure ("ADT_A01") into MSH-9.1, or
  // leave the trigger to EVN-1 alone.
  const joined = /^([A-Z0-9]{3})_([A-Z0-9]{3})$/.exec(messageType);
  if (joined && !triggerEvent) [messageType, triggerEvent] = [joined[1]!, joined[2]!];
  if (!triggerEvent) {
    const evn = findSegment(message, 'EVN');
    if (evn) triggerEvent = clean(getValue(evn, 1)).toUpperCase();
  }
  const header: Hl7Header = {
    encoding: message.encoding,
    controlId: clean(getValue(msh, 10)),
    messageType,
    triggerEvent,
    messageStructure: clean(getValue(msh, 9, 1, 3)).toUpperCase(),
    version: clean(getValue(msh, 12, 1, 1)),
    processingId: clean(getValue(msh, 11, 1, 1)),
    sendingApplication: hdName(msh, 3),
    sendingFacility: hdName(msh, 4),
    receivingApplication: hdName(msh, 5),
    receivingFacility: hdName(msh, 6),
    messageDateTime: clean(getValue(msh, 7, 1, 1)),
    rawSendingApplication: rawField(msh, 3),
    rawSendingFacility: rawField(msh, 4),
    rawReceivingApplication: rawField(msh, 5),
    rawReceivingFacility: rawField(msh, 6),
    acceptAckType: clean(getValue(msh, 15)).toUpperCase(),
    applicationAckType: clean(getValue(msh, 16)).toUpperCase(),
  };
  if (!header.controlId) {
    problems.push({
      code: HL7_ERROR.requiredFieldMissing,
      text: 'MSH-10 message control id is missing',
      location: { segment: 'MSH', sequence: 1, field: 10 },
    });
  }
  if (!header.messageType) {
    problems.push({
      code: HL7_ERROR.requiredFieldMissing,
      text: 'MSH-9 message type is missing',
      location: { segment: 'MSH', sequence: 1, field: 9 },
    });
  }
  if (header.version && !/^2\.\d+(\.\d+)*$/.test(header.version)) {
    problems.push({
      code: HL7_ERROR.unsupportedVersionId,
      text: `Unsupported HL7 version ${header.version.slice(0, 20)} (this feed reads v2.x)`,
      location: { segment: 'MSH', sequence: 1, field: 12 },
    });
  }
  return { header, problems };
}
