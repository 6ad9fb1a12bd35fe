import { unescapeHl7 } from './hl7-escape';
import type { Hl7Encoding, Hl7Message, Hl7Segment } from './hl7-message';

/**
 * Typed accessors over parsed messages. Every position is 1-based as in the HL7
 * standard (PID-3, repetition 1, component 4, subcomponent 2 = `getValue(pid, 3, 1,
 * 4, 2)`); absent positions read as ''. Values come back unescaped.
 */

/** One repetition of a field: its components, each a list of subcomponents. */
export type Hl7Components = string[][];

/** The raw (still escaped) text of field `field`, '' when the segment is shorter. */
export function rawField(segment: Hl7Segment, field: number): string {
  return segment.fields[field] ?? '';
}

function isUnsplittable(segment: Hl7Segment, field: number): boolean {
  // MSH-1 and MSH-2 hold the delimiters themselves.
  return segment.name === 'MSH' && (field === 1 || field === 2);
}

/** The repetitions of a field, raw. An empty field has no repetitions. */
export function rawRepetitions(segment: Hl7Segment, field: number): string[] {
  const raw = rawField(segment, field);
  if (raw === '') return [];
  if (isUnsplittable(segment, field) || !segment.encoding.repetition) return [raw];
  return raw.split(segment.encoding.repetition);
}

/** Splits one raw repetition into unescaped components and subcomponents. */
export function parseRepetition(raw: string, encoding: Hl7Encoding): Hl7Components {
  const components = encoding.component ? raw.split(encoding.component) : [raw];
  return components.map((component) =>
    (encoding.subcomponent ? component.split(encoding.subcomponent) : [component]).map((sub) =>
      unescapeHl7(sub, encoding),
    ),
  );
}

// Mappers read the same fields many times (OBX-3 for code, system, text...):
// each segment's parsed fields are kept beside it while the segment lives.
const parsedFields = new WeakMap<Hl7Segment, Hl7Components[][]>();

/** Every repetition of a field, parsed into components. Treat the result as read-only. */
export function getRepetitions(segment: Hl7Segment, field: number): Hl7Components[] {
  if (isUnsplittable(segment, field)) return [[[rawField(segment, field)]]];
  let cache = parsedFields.get(segment);
  if (!cache) parsedFields.set(segment, (cache = []));
  return (cache[field] ??= rawRepetitions(segment, field).map((rep) =>
    parseRepetition(rep, segment.encoding),
  ));
}

/** A field's first repetition, parsed (empty when the field is empty). */
export function getComponents(segment: Hl7Segment, field: number, rep = 1): Hl7Components {
  return getRepetitions(segment, field)[rep - 1] ?? [];
}

/** One value: field, repetition, component, subcomponent (all 1-based). */
export function getValue(
  segment: Hl7Segment,
  field: number,
  rep = 1,
  component = 1,
  sub = 1,
): string {
  if (isUnsplittable(segment, field))
    return rep === 1 && component === 1 && sub === 1 ? rawField(segment, field) : '';
  const raw = rawRepetitions(segment, field)[rep - 1];
  if (raw === undefined) return '';
  return componentValue(parseRepetition(raw, segment.encoding), component, sub);
}

/** Reads component `component` (and subcomponent `sub`) of a parsed repetition. */
export function componentValue(components: Hl7Components, component: number, sub = 1): string {
  return components[component - 1]?.[sub - 1] ?? '';
}

/** A whole component with its subcomponents joined by `joiner` (for SAD, FN, ...). */
export function componentText(components: Hl7Components, component: number, joiner = ' '): string {
  return (components[component - 1] ?? [])
    .map(clean)
    .filter((part) => part.length > 0)
    .join(joiner);
}

/** The first segment named `name` (occurrence is 1-based). */
export function findSegment(
  message: Hl7Message,
  name: string,
  occurrence = 1,
): Hl7Segment | undefined {
  let seen = 0;
  for (const segment of message.segments) {
    if (segment.name === name && ++seen === occurrence) return segment;
  }
  return undefined;
}

export function findSegments(message: Hl7Message, name: string): Hl7Segment[] {
  return message.segments.filter((segment) => segment.name === name);
}

/** `get(message, 'PID', 3, 1, 4)`: a value of the first segment of that name. */
export function get(
  message: Hl7Message,
  segmentName: string,
  field: number,
  rep = 1,
  component = 1,
  sub = 1,
): string {
  const segment = findSegment(message, segmentName);
  return segment ? getValue(segment, field, rep, component, sub) : '';
}

/**
 * A value as a mapper wants it: trimmed, and the HL7 explicit null `""` (which
 * means "delete this value" to a receiver) read as empty.
 */
export function clean(value: string | undefined): string {
  const trimmed = (value ?? '').trim();
  return trimmed === '""' ? '' : trimmed;
}

/** `clean(getValue(...))`, or undefined when empty: the form FHIR JSON wants. */
export function optionalValue(
  segment: Hl7Segment,
  field: number,
  rep = 1,
  component = 1,
  sub = 1,
): string | undefined {
  return clean(getValue(segment, field, rep, component, sub)) || undefined;
}
