import { escapeHl7 } from './hl7-escape';
import { DEFAULT_ENCODING, type Hl7Encoding } from './hl7-message';

/**
 * Writes segments (for ACKs and the generator). Values are plain strings and get
 * escaped here; structure is arrays: a field is a value, a list of components (a
 * component may be a list of subcomponents), or `repeated(...)` repetitions.
 * Trailing empty fields and components are dropped, as the standard recommends.
 */
export type Hl7SubValue = string | number | null | undefined;
export type Hl7ComponentValue = Hl7SubValue | Hl7SubValue[];
export type Hl7RepetitionValue = Hl7SubValue | Hl7ComponentValue[];
export interface Hl7Repeated {
  readonly repetitions: readonly Hl7RepetitionValue[];
}
export type Hl7FieldValue = Hl7RepetitionValue | Hl7Repeated;

export function repeated(...repetitions: Hl7RepetitionValue[]): Hl7Repeated {
  return { repetitions };
}

function isRepeated(value: Hl7FieldValue): value is Hl7Repeated {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function subText(value: Hl7SubValue, encoding: Hl7Encoding): string {
  return value === null || value === undefined ? '' : escapeHl7(String(value), encoding);
}

function trimJoin(parts: string[], separator: string): string {
  let end = parts.length;
  while (end > 0 && parts[end - 1] === '') end--;
  return parts.slice(0, end).join(separator);
}

function repetitionText(value: Hl7RepetitionValue, encoding: Hl7Encoding): string {
  if (!Array.isArray(value)) return subText(value, encoding);
  return trimJoin(
    value.map((component) =>
      Array.isArray(component)
        ? trimJoin(
            component.map((sub) => subText(sub, encoding)),
            encoding.subcomponent,
          )
        : subText(component, encoding),
    ),
    encoding.component,
  );
}

export function fieldText(value: Hl7FieldValue, encoding: Hl7Encoding): string {
  if (isRepeated(value)) {
    return trimJoin(
      value.repetitions.map((rep) => repetitionText(rep, encoding)),
      encoding.repetition,
    );
  }
  return repetitionText(value, encoding);
}

/** A segment: `fields[0]` is field 1. */
export function encodeSegment(
  name: string,
  fields: Hl7FieldValue[],
  encoding: Hl7Encoding = DEFAULT_ENCODING,
): string {
  const texts = fields.map((field) => fieldText(field, encoding));
  const body = trimJoin(texts, encoding.field);
  return body ? `${name}${encoding.field}${body}` : name;
}

/** The MSH segment: `fieldsFrom3[0]` is MSH-3 (MSH-1 and MSH-2 come from the encoding). */
export function encodeMshSegment(
  fieldsFrom3: Hl7FieldValue[],
  encoding: Hl7Encoding = DEFAULT_ENCODING,
): string {
  const chars =
    encoding.component +
    encoding.repetition +
    encoding.escape +
    encoding.subcomponent +
    encoding.truncation;
  const texts = fieldsFrom3.map((field) => fieldText(field, encoding));
  return `MSH${encoding.field}${chars}${encoding.field}${texts.join(encoding.field)}`.replace(
    new RegExp(`(?:${escapeRegExp(encoding.field)})+$`),
    '',
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Segments joined the standard way (CR after each segment). */
export function encodeMessage(segments: string[]): string {
  return `${segments.join('\r')}\r`;
}
