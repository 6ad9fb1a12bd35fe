/**
 * The raw shapes of an HL7 v2 message, before any mapping. Field texts stay as
 * received (still escaped); accessors in hl7-access.ts split and unescape them on
 * demand, so parsing a message costs one pass over its text.
 */

/** The delimiters a message declares in MSH-1 and MSH-2 (any characters a sender picks). */
export interface Hl7Encoding {
  field: string;
  component: string;
  repetition: string;
  /** Empty when the sender declared no escape character. */
  escape: string;
  /** Empty when the sender declared no subcomponent separator. */
  subcomponent: string;
  /** v2.7+ truncation character (MSH-2 position 5), when declared. */
  truncation: string;
}

export const DEFAULT_ENCODING: Readonly<Hl7Encoding> = Object.freeze({
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
  truncation: '',
});

export interface Hl7Segment {
  /** Segment id: MSH, PID, OBX, ZPI, ... */
  readonly name: string;
  /**
   * Field texts as received, indexed by HL7 field number ([0] is the segment id).
   * For MSH, [1] is the field separator itself and [2] the encoding characters,
   * so MSH-n is always fields[n] (the "MSH numbering quirk").
   */
  readonly fields: readonly string[];
  /** 0-based position of the segment in its message. */
  readonly index: number;
  readonly encoding: Hl7Encoding;
  /** The segment's line as received, when it came from parsing (saves rebuilding it). */
  readonly text?: string;
}

export interface Hl7Message {
  readonly encoding: Hl7Encoding;
  readonly segments: readonly Hl7Segment[];
}

/** One problem found in a message, in HL7 terms (table 0357 error code, ERR location). */
export interface Hl7Problem {
  /** HL7 table 0357 message error condition code (100 segment sequence, 101 required field, ...). */
  code: number;
  /** Why, for a person reading the NAK. Never contains field values (they may be PHI). */
  text: string;
  location?: Hl7Location;
}

export interface Hl7Location {
  segment: string;
  /** 1-based occurrence of that segment in the message. */
  sequence?: number;
  field?: number;
  component?: number;
}

/** A message that cannot be read as HL7 v2 at all. */
export class Hl7ParseError extends Error {
  constructor(readonly problem: Hl7Problem) {
    super(problem.text);
    this.name = 'Hl7ParseError';
  }
}

/** HL7 table 0357 codes this subgraph uses. */
export const HL7_ERROR = {
  accepted: 0,
  segmentSequence: 100,
  requiredFieldMissing: 101,
  dataType: 102,
  tableValueNotFound: 103,
  unsupportedMessageType: 200,
  unsupportedEventCode: 201,
  unsupportedProcessingId: 202,
  unsupportedVersionId: 203,
  unknownKeyIdentifier: 204,
  duplicateKeyIdentifier: 205,
  applicationRecordLocked: 206,
  applicationInternalError: 207,
} as const;

export const HL7_ERROR_TEXT: Record<number, string> = {
  0: 'Message accepted',
  100: 'Segment sequence error',
  101: 'Required field missing',
  102: 'Data type error',
  103: 'Table value not found',
  200: 'Unsupported message type',
  201: 'Unsupported event code',
  202: 'Unsupported processing id',
  203: 'Unsupported version id',
  204: 'Unknown key identifier',
  205: 'Duplicate key identifier',
  206: 'Application record locked',
  207: 'Application internal error',
};
