import type { ObservationReferenceRange, Quantity } from '../../shared/fhir/quantity.type';

const NUMBER = '([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))';
const BETWEEN = new RegExp(`^${NUMBER}\\s*(?:-|–|—|_|\\.\\.|to|TO|~)\\s*${NUMBER}$`);
const BOUND = new RegExp(`^(<=|>=|<|>|≤|≥)\\s*${NUMBER}$`);

/**
 * OBX-7 as a FHIR referenceRange. OBX-7 is free text in practice: "70-99",
 * "4.3 to 6.2", "70_105", "<200", ">=40", "Negative". Numbers go to low/high
 * (with the result's unit) when the text has one of those shapes; the text is
 * always kept, because only it says exactly what the lab meant.
 */
export function referenceRangeFromText(
  text: string,
  unit: Pick<Quantity, 'unit' | 'system' | 'code'>,
): ObservationReferenceRange | null {
  const value = text.trim();
  if (!value) return null;
  const quantity = (n: string): Quantity => ({ value: Number(n), comparator: null, ...unit });
  const range: ObservationReferenceRange = { low: null, high: null, type: null, text: value };
  const between = BETWEEN.exec(value);
  if (between) {
    range.low = quantity(between[1]!);
    range.high = quantity(between[2]!);
    return range;
  }
  const bound = BOUND.exec(value);
  if (bound) {
    if (bound[1]!.startsWith('<') || bound[1] === '≤') range.high = quantity(bound[2]!);
    else range.low = quantity(bound[2]!);
  }
  return range;
}
