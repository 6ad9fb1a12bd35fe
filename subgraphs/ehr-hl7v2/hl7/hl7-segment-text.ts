import {
  DEFAULT_ENCODING,
  type Hl7Encoding,
  type Hl7Message,
  type Hl7Segment,
} from './hl7-message';

/**
 * A segment as text again (what the store keeps as `raw`), and back. Stored
 * segments are read with the encoding their message declared, kept beside them
 * as the string MSH-1 + MSH-2 ("|^~\&").
 */
export function segmentToText(segment: Hl7Segment): string {
  if (segment.text !== undefined) return segment.text;
  if (segment.name === 'MSH') {
    return `MSH${segment.encoding.field}${segment.fields.slice(2).join(segment.encoding.field)}`;
  }
  return segment.fields.join(segment.encoding.field);
}

export function messageToText(message: Hl7Message): string {
  return message.segments.map(segmentToText).join('\r');
}

export function encodingToString(encoding: Hl7Encoding): string {
  return (
    encoding.field +
    encoding.component +
    encoding.repetition +
    encoding.escape +
    encoding.subcomponent +
    encoding.truncation
  );
}

export function encodingFromString(text: string): Hl7Encoding {
  if (!text) return DEFAULT_ENCODING;
  return {
    field: text[0] ?? '|',
    component: text[1] ?? '',
    repetition: text[2] ?? '',
    escape: text[3] ?? '',
    subcomponent: text[4] ?? '',
    truncation: text[5] ?? '',
  };
}

/** Parses one stored (non-MSH) segment. */
export function parseSegmentText(text: string, encoding: Hl7Encoding, index = 0): Hl7Segment {
  const fields = text.split(encoding.field);
  return { name: fields[0] ?? '', fields, index, encoding };
}
