import type { Quantity } from '../../shared/fhir/quantity.type';
import { clean, componentValue, type Hl7Components } from '../hl7/hl7-access';
import { codingSystemUri } from './coding-systems';

const UCUM = 'http://unitsofmeasure.org';

/**
 * Units labs commonly send without naming a coding system, that are valid UCUM
 * codes. Matched case-insensitively ("mg/dl" is written "mg/dL" in UCUM's
 * canonical case); anything else keeps its text and gets no system, rather than a
 * UCUM claim it may not meet.
 */
const KNOWN_UCUM = [
  '%',
  'mg/dL',
  'g/dL',
  'g/L',
  'mg/L',
  'ug/L',
  'ug/dL',
  'ug/mL',
  'ng/mL',
  'ng/dL',
  'pg/mL',
  'mmol/L',
  'umol/L',
  'nmol/L',
  'pmol/L',
  'meq/L',
  'mosm/kg',
  'U/L',
  'mU/L',
  '[IU]/L',
  'm[IU]/L',
  'u[IU]/mL',
  'mL/min',
  'mL/min/{1.73_m2}',
  '10*3/uL',
  '10*6/uL',
  '10*9/L',
  '10*12/L',
  '/uL',
  '/[HPF]',
  '/[LPF]',
  'fL',
  'pg',
  'g',
  'mg',
  'ug',
  'kg',
  'cm',
  'mm',
  'm',
  'mm[Hg]',
  'mm/h',
  '/min',
  '{beats}/min',
  'Cel',
  '[degF]',
  's',
  'min',
  'h',
  'd',
  'mL',
  'L',
  '[pH]',
  '{ratio}',
  '{cells}/uL',
  'pg/{cell}',
  'kg/m2',
];
const UCUM_BY_LOWER = new Map(KNOWN_UCUM.map((code) => [code.toLowerCase(), code]));
// v2 senders' spellings of units whose UCUM code is written differently.
const UCUM_ALIASES: Record<string, string> = {
  'meq/l': 'meq/L',
  mmhg: 'mm[Hg]',
  bpm: '/min',
  'beats/min': '/min',
  'k/ul': '10*3/uL',
  'x10e3/ul': '10*3/uL',
  'x10e6/ul': '10*6/uL',
  'iu/l': '[IU]/L',
  degc: 'Cel',
  'ml/min/1.73m2': 'mL/min/{1.73_m2}',
};

/**
 * The unit part of a FHIR Quantity from a CE/CWE unit (OBX-6): the code and,
 * when the unit is UCUM (declared or recognised), the UCUM system.
 */
export function unitsToQuantityFields(
  units: Hl7Components,
): Pick<Quantity, 'unit' | 'system' | 'code'> {
  const code = clean(componentValue(units, 1));
  const text = clean(componentValue(units, 2));
  const systemName = clean(componentValue(units, 3));
  if (!code && !text) return { unit: null, system: null, code: null };
  const declared = systemName ? codingSystemUri(systemName) : null;
  if (declared && declared !== UCUM) {
    return { unit: text || code, system: declared, code: code || null };
  }
  const ucum = UCUM_BY_LOWER.get(code.toLowerCase()) ?? UCUM_ALIASES[code.toLowerCase()] ?? null;
  if (declared === UCUM || ucum) {
    return { unit: text || code, system: UCUM, code: declared === UCUM ? code : ucum };
  }
  return { unit: text || code, system: null, code: null };
}
