import {
  DEFAULT_ENCODING,
  HL7_ERROR,
  Hl7ParseError,
  type Hl7Encoding,
  type Hl7Message,
  type Hl7Segment,
} from './hl7-message';

/** What may wrap a message on the wire or in a file: BOM, MLLP start/end bytes, blank lines. */
// eslint-disable-next-line no-control-regex -- MLLP framing bytes (VT, FS) are control characters
const LEADING_NOISE = /^[\ufeff\x0b\s]+/;
// eslint-disable-next-line no-control-regex -- MLLP framing bytes (VT, FS) are control characters
const TRAILING_NOISE = /[\x1c\s]+$/;
const SEGMENT_ID = /^[A-Za-z][A-Za-z0-9]{2}$/;

/**
 * Parses one HL7 v2 message (ER7 "pipe" encoding, v2.1 to v2.8). Delimiters come
 * from MSH-1/MSH-2, whatever they are; segments may end in CR (the standard), LF or
 * CRLF, as real feeds and files do. Throws Hl7ParseError (with an HL7 error code)
 * when the text is not a message at all; everything else is left to the reader.
 */
export function parseHl7Message(input: string): Hl7Message {
  const text = input.replace(LEADING_NOISE, '').replace(TRAILING_NOISE, '');
  if (!text.startsWith('MSH')) {
    if (/^(FHS|BHS)/.test(text)) {
      throw new Hl7ParseError({
        code: HL7_ERROR.segmentSequence,
        text: 'Batch (FHS/BHS) found where one message was expected; send its messages one at a time',
        location: { segment: text.slice(0, 3), sequence: 1 },
      });
    }
    throw new Hl7ParseError({
      code: HL7_ERROR.segmentSequence,
      text: text.length === 0 ? 'Empty message' : 'Message does not start with an MSH segment',
      location: { segment: 'MSH', sequence: 1 },
    });
  }
  const encoding = readEncoding(text);
  const segments: Hl7Segment[] = [];
  for (const line of segmentLines(text, encoding.field)) {
    const name = line.slice(0, 3).toUpperCase();
    if (name === 'MSH' && segments.length > 0) {
      throw new Hl7ParseError({
        code: HL7_ERROR.segmentSequence,
        text: 'More than one MSH segment: this is several messages, send them one at a time',
        location: { segment: 'MSH', sequence: 2 },
      });
    }
    const parts = line.split(encoding.field);
    parts[0] = name;
    // MSH-1 is the field separator itself, so MSH's fields shift by one.
    const fields = name === 'MSH' ? ['MSH', encoding.field, ...parts.slice(1)] : parts;
    const text = name === line.slice(0, 3) ? line : name + line.slice(3);
    segments.push({ name, fields, index: segments.length, encoding, text });
  }
  return { encoding, segments };
}

function readEncoding(text: string): Hl7Encoding {
  const field = text[3];
  if (field === undefined || /[A-Za-z0-9\s]/.test(field)) {
    throw new Hl7ParseError({
      code: HL7_ERROR.dataType,
      text: 'MSH-1 field separator is missing or not a delimiter character',
      location: { segment: 'MSH', sequence: 1, field: 1 },
    });
  }
  const rest = text.slice(4);
  const stop = rest.search(new RegExp(`[${escapeClass(field)}\\r\\n]`));
  const chars = stop < 0 ? rest : rest.slice(0, stop);
  // An empty MSH-2 is a sender that forgot it, not one that uses no delimiters.
  if (chars.length === 0) return { ...DEFAULT_ENCODING, field };
  const unique = new Set([field, ...chars]);
  if (chars.length > 5 || unique.size !== chars.length + 1 || /[A-Za-z0-9\s]/.test(chars)) {
    throw new Hl7ParseError({
      code: HL7_ERROR.dataType,
      text: 'MSH-2 encoding characters are invalid (need up to 5 distinct non-alphanumeric characters)',
      location: { segment: 'MSH', sequence: 1, field: 2 },
    });
  }
  return {
    field,
    component: chars[0] ?? '',
    repetition: chars[1] ?? '',
    escape: chars[2] ?? '',
    subcomponent: chars[3] ?? '',
    truncation: chars[4] ?? '',
  };
}

function escapeClass(char: string): string {
  return char.replace(/[\\\]^-]/g, '\\$&');
}

/**
 * Splits the text into segment lines. A line that does not start with a segment
 * id is a line break some sender left inside a field value (seen in free-text
 * OBX-5 and NTE-3 from file-based feeds): it is joined back to its segment
 * rather than read as a broken segment.
 */
function segmentLines(text: string, fieldSeparator: string): string[] {
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim().length === 0) continue;
    const id = line.slice(0, 3);
    const isSegment = SEGMENT_ID.test(id) && (line.length === 3 || line[3] === fieldSeparator);
    if (isSegment || lines.length === 0) lines.push(line);
    else lines[lines.length - 1] += `\n${line}`;
  }
  return lines;
}
