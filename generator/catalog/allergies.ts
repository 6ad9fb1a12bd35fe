import { SYSTEM, type Code } from './code-systems';

export interface AllergyDefinition {
  key: string;
  code: Code;
  category: 'food' | 'medication' | 'environment';
  reaction: Code;
  prevalence: number;
}

const snomed = (code: string, display: string): Code => ({ system: SYSTEM.snomed, code, display });

export const ALLERGIES: readonly AllergyDefinition[] = [
  {
    key: 'penicillin',
    code: snomed('91936005', 'Allergy to penicillin (finding)'),
    category: 'medication',
    reaction: snomed('247472004', 'Wheal (finding)'),
    prevalence: 0.08,
  },
  {
    key: 'peanut',
    code: snomed('91935009', 'Allergy to peanuts (finding)'),
    category: 'food',
    reaction: snomed('39579001', 'Anaphylaxis (disorder)'),
    prevalence: 0.03,
  },
  {
    key: 'latex',
    code: snomed('300916003', 'Latex allergy (finding)'),
    category: 'environment',
    reaction: snomed('271807003', 'Eruption of skin (disorder)'),
    prevalence: 0.03,
  },
  {
    key: 'grass-pollen',
    code: snomed('418689008', 'Allergy to grass pollen (finding)'),
    category: 'environment',
    reaction: snomed('49727002', 'Cough (finding)'),
    prevalence: 0.1,
  },
];
