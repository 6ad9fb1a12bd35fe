import type { CodeableConcept } from '../../shared/fhir/coding.type';
import type { Quantity, Range, Ratio } from '../../shared/fhir/quantity.type';
import { clean, componentValue, type Hl7Components } from '../hl7/hl7-access';
import { parseHl7DateTime } from '../hl7/hl7-datetime';
import { cweToCodeableConcept } from './coding-systems';
import { unitsToQuantityFields } from './units';

export interface ObservationValue {
  valueQuantity?: Quantity;
  valueString?: string;
  valueCodeableConcept?: CodeableConcept;
  valueRange?: Range;
  valueRatio?: Ratio;
  valueDateTime?: string;
  /** Why there is no value to show, for the Observation's notes. */
  note?: string;
}

type UnitFields = Pick<Quantity, 'unit' | 'system' | 'code'>;
const NO_UNIT: UnitFields = { unit: null, system: null, code: null };
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const WITH_COMPARATOR = /^(<=|>=|<|>)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))$/;

function numberOf(text: string): number | null {
  const value = text.trim();
  return NUMERIC.test(value) ? Number(value) : null;
}

function quantity(value: number, unit: UnitFields, comparator: string | null = null): Quantity {
  return { value, comparator, ...unit };
}

/** NM: a number, or ("<5", ">=100") a number with a comparator some senders put in NM. */
function numericValue(text: string, unit: UnitFields): ObservationValue {
  const number = numberOf(text);
  if (number !== null) return { valueQuantity: quantity(number, unit) };
  const compared = WITH_COMPARATOR.exec(text.trim());
  if (compared) return { valueQuantity: quantity(Number(compared[2]), unit, compared[1]!) };
  return { valueString: text };
}

/**
 * SN (structured numeric): comparator ^ num1 ^ separator/suffix ^ num2. "^182" and
 * ">^100" are quantities, "1^:^128" and "1^/^2" ratios, "10^-^20" a range, "2^+" the
 * categorical "2+" (kept as text).
 */
function structuredNumeric(parts: Hl7Components, unit: UnitFields): ObservationValue {
  const comparator = clean(componentValue(parts, 1));
  const first = numberOf(componentValue(parts, 2));
  const separator = clean(componentValue(parts, 3));
  const second = numberOf(componentValue(parts, 4));
  if (first !== null && second !== null && (separator === ':' || separator === '/')) {
    return {
      valueRatio: { numerator: quantity(first, NO_UNIT), denominator: quantity(second, NO_UNIT) },
    };
  }
  if (first !== null && second !== null && separator === '-') {
    return { valueRange: { low: quantity(first, unit), high: quantity(second, unit) } };
  }
  if (first !== null && !separator && second === null) {
    const fhirComparator = ['<', '<=', '>', '>='].includes(comparator) ? comparator : null;
    if (!comparator || comparator === '=' || fhirComparator) {
      return { valueQuantity: quantity(first, unit, fhirComparator) };
    }
  }
  const text = parts
    .map((component) => component.join(''))
    .join('')
    .trim();
  return text ? { valueString: text } : {};
}

/**
 * OBX-5 as a FHIR Observation value[x], by OBX-2 value type. Repetitions of text
 * types are lines of one text; coded and numeric types use the first repetition.
 */
export function obxValueToFhir(
  valueType: string,
  repetitions: Hl7Components[],
  units: Hl7Components,
  defaultOffset: string,
): ObservationValue {
  const first = repetitions[0] ?? [];
  const firstText = clean(componentValue(first, 1));
  const unit = unitsToQuantityFields(units);
  const whole = (parts: Hl7Components) =>
    parts
      .map((component) => component.join('&'))
      .join('^')
      .replace(/\^+$/, '');
  switch (valueType.trim().toUpperCase()) {
    case '':
      return repetitions.length ? { valueString: repetitions.map(whole).join('\n') } : {};
    case 'NM':
      return firstText ? numericValue(firstText, unit) : {};
    case 'SN':
      return structuredNumeric(first, unit);
    case 'CQ': {
      const value = numberOf(componentValue(first, 1));
      if (value === null) return firstText ? { valueString: firstText } : {};
      const cqUnit = (first[1] ?? []).length ? unitsToQuantityFields([first[1] ?? []]) : unit;
      return { valueQuantity: quantity(value, cqUnit) };
    }
    case 'MO': {
      const value = numberOf(componentValue(first, 1));
      const currency = clean(componentValue(first, 2));
      if (value === null) return firstText ? { valueString: firstText } : {};
      return {
        valueQuantity: quantity(value, {
          unit: currency || null,
          system: currency ? 'urn:iso:std:iso:4217' : null,
          code: currency || null,
        }),
      };
    }
    case 'CE':
    case 'CWE':
    case 'CNE':
    case 'CF':
    case 'CD': {
      const concept = cweToCodeableConcept(first);
      return concept ? { valueCodeableConcept: concept } : {};
    }
    case 'DT':
    case 'TS':
    case 'DTM': {
      if (!firstText) return {};
      const parsed = parseHl7DateTime(firstText, defaultOffset);
      return parsed ? { valueDateTime: parsed.fhir } : { valueString: firstText };
    }
    case 'ED':
      return {
        note: `Encapsulated data (${[componentValue(first, 2), componentValue(first, 3)]
          .map(clean)
          .filter(Boolean)
          .join('/')}) is kept in the raw message, not shown here`,
      };
    case 'ST':
    case 'TX':
    case 'FT':
    case 'TM':
    case 'ID':
    case 'IS':
      return repetitions.length
        ? { valueString: repetitions.map((rep) => whole(rep)).join('\n') }
        : {};
    default: {
      // RP (reference pointer), NA (numeric array), XAD, XPN...: the text as sent.
      const text = repetitions.map(whole).join('\n').trim();
      return text ? { valueString: text } : {};
    }
  }
}
