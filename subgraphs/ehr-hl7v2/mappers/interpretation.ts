import type { CodeableConcept } from '../../shared/fhir/coding.type';
import { clean, componentValue, type Hl7Components } from '../hl7/hl7-access';
import { codingSystemUri } from './coding-systems';

const V3_INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/**
 * HL7 v2 table 0078 (abnormal flags, OBX-8) to v3 ObservationInterpretation. The
 * v2 codes are the v3 codes (the v2-to-FHIR ConceptMap is an identity map for
 * them); this list gives each its v3 display and tells known codes from local ones.
 */
const V3_DISPLAY: Record<string, string> = {
  L: 'Low',
  H: 'High',
  LL: 'Critical low',
  HH: 'Critical high',
  '<': 'Off scale low',
  '>': 'Off scale high',
  N: 'Normal',
  A: 'Abnormal',
  AA: 'Critical abnormal',
  U: 'Significant change up',
  D: 'Significant change down',
  B: 'Better',
  W: 'Worse',
  S: 'Susceptible',
  R: 'Resistant',
  I: 'Intermediate',
  MS: 'moderately susceptible',
  VS: 'very susceptible',
  POS: 'Positive',
  NEG: 'Negative',
  IND: 'Indeterminate',
  DET: 'Detected',
  ND: 'Not detected',
  AC: 'Anti-complementary substances present',
  RR: 'Reactive',
  WR: 'Weakly reactive',
  NR: 'Non-reactive',
  TOX: 'Cytotoxic substance present',
  QCF: 'Quality control failure',
  'SYN-R': 'Synergy - resistant',
  'SYN-S': 'Synergy - susceptible',
  EX: 'outside threshold',
  HX: 'above high threshold',
  LX: 'below low threshold',
  HU: 'Significantly high',
  LU: 'Significantly low',
  E: 'Equivocal',
  SDD: 'Susceptible-dose dependent',
  NS: 'Non-susceptible',
  IE: 'Insufficient evidence',
  CAR: 'Carrier',
  EXP: 'Expected',
  UNE: 'Unexpected',
  NCL: 'No CLSI defined breakpoint',
};

function isTable0078(systemName: string): boolean {
  return systemName === '' || /^HL7[-_]?0078$/i.test(systemName);
}

/** OBX-8 repetitions (IS before v2.7, CWE after) as FHIR interpretations. */
export function abnormalFlagsToInterpretation(flags: Hl7Components[]): CodeableConcept[] {
  const out: CodeableConcept[] = [];
  for (const flag of flags) {
    const code = clean(componentValue(flag, 1));
    if (!code) continue;
    const systemName = clean(componentValue(flag, 3));
    const display = V3_DISPLAY[code];
    if (isTable0078(systemName) && display) {
      out.push({
        coding: [{ system: V3_INTERPRETATION, code, display, version: null, userSelected: null }],
        text: null,
      });
      continue;
    }
    out.push({
      coding: [
        {
          system: isTable0078(systemName)
            ? 'http://terminology.hl7.org/CodeSystem/v2-0078'
            : codingSystemUri(systemName),
          code,
          display: clean(componentValue(flag, 2)) || null,
          version: null,
          userSelected: null,
        },
      ],
      text: null,
    });
  }
  return out;
}
