import type {
  FhirAddressJson,
  FhirHumanNameJson,
  LinkDemographics,
  LinkIdentifier,
} from '../../shared/patient/link-request';
import { normaliseName } from '../mappers/search-name';

/**
 * A record's demographics and identifiers in the normalised form the matcher
 * compares: the same person typed by two vendors should produce the same values
 * here whenever the difference is only formatting (case, accents, punctuation,
 * "Street" vs "St", "+1 (555) 010-1234" vs "5550101234", "999-01-0001" vs "999010001").
 */
export interface MatchName {
  /** Family name words ("mejia ruiz" -> ["mejia", "ruiz"]). */
  family: string[];
  given: string[];
}

export interface MatchAddress {
  postalCode: string | null;
  line: string | null;
}

/** ssn: one per person; mrn: one per person per assigning system; other: a record key. */
export type IdentifierKind = 'ssn' | 'mrn' | 'other';

export interface MatchIdentifier {
  kind: IdentifierKind;
  /** What makes two identifiers comparable: 'ssn', or the system URI. */
  comparableAs: string;
  value: string;
}

export interface MatchProfile {
  names: MatchName[];
  /** FHIR date, possibly partial (YYYY or YYYY-MM). */
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  addresses: MatchAddress[];
  /** Last 10 digits of each phone number. */
  phones: string[];
  identifiers: MatchIdentifier[];
}

const SSN_SYSTEM = 'http://hl7.org/fhir/sid/us-ssn';

/** Name words for matching: search-name normalisation, minus digits (Synthea adds them). */
export function nameWords(value: string | undefined): string[] {
  if (!value) return [];
  return normaliseName(value)
    .replace(/[0-9]+/g, ' ')
    .split(' ')
    .filter((word) => word.length > 0);
}

function matchNameOf(name: FhirHumanNameJson): MatchName | null {
  let family = nameWords(name.family);
  let given = (name.given ?? []).flatMap((part) => nameWords(part));
  if (family.length === 0 && given.length === 0 && name.text) {
    // Only a display text: "Family, Given" or "Given ... Family".
    const [before, after] = name.text.includes(',') ? name.text.split(',', 2) : [null, null];
    if (before !== null) {
      family = nameWords(before);
      given = nameWords(after ?? '');
    } else {
      const words = nameWords(name.text);
      family = words.slice(-1);
      given = words.slice(0, -1);
    }
  }
  return family.length > 0 || given.length > 0 ? { family, given } : null;
}

const STREET_WORDS: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  boulevard: 'blvd',
  court: 'ct',
  place: 'pl',
  terrace: 'ter',
  highway: 'hwy',
  parkway: 'pkwy',
  circle: 'cir',
  square: 'sq',
  apartment: 'apt',
  unit: 'apt',
  suite: 'ste',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};

/** An address line with case, punctuation and common street-word spellings folded. */
export function normaliseAddressLine(lines: string[] | undefined): string | null {
  const words = normaliseName((lines ?? []).join(' '))
    .split(' ')
    .filter(Boolean)
    .map((word) => STREET_WORDS[word] ?? word);
  return words.length > 0 ? words.join(' ') : null;
}

/** Postal code as compared: alphanumerics upper-cased; US ZIP+4 cut to the 5-digit ZIP. */
export function normalisePostalCode(value: string | undefined): string | null {
  const code = (value ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (code.length === 0) return null;
  return /^\d{9}$/.test(code) ? code.slice(0, 5) : code;
}

function matchAddressOf(address: FhirAddressJson): MatchAddress | null {
  const result = {
    postalCode: normalisePostalCode(address.postalCode),
    line: normaliseAddressLine(address.line),
  };
  return result.postalCode || result.line ? result : null;
}

/** Digits of a phone number, last 10 (drops country codes), or null when too short to mean much. */
export function normalisePhone(value: string | undefined): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-10) : null;
}

export function matchIdentifierOf(identifier: LinkIdentifier): MatchIdentifier {
  const system = identifier.system.trim();
  const type = (identifier.typeCode ?? '').toUpperCase();
  if (system === SSN_SYSTEM || type === 'SS' || /\bssn\b/i.test(system)) {
    const digits = identifier.value.replace(/\D/g, '');
    return {
      kind: 'ssn',
      comparableAs: 'ssn',
      value: digits.length === 9 ? digits : identifier.value.trim(),
    };
  }
  const kind: IdentifierKind =
    type === 'MR' || /mrn|medical-record/i.test(system) ? 'mrn' : 'other';
  return { kind, comparableAs: system, value: identifier.value.trim().toUpperCase() };
}

const SEXES = new Set(['male', 'female']);

/** The matching profile of a record; total over any shape the link contract allows. */
export function matchProfileOf(
  demographics: LinkDemographics | undefined | null,
  identifiers: LinkIdentifier[] = [],
): MatchProfile {
  const birthDate = demographics?.birthDate ?? null;
  const gender = demographics?.gender ?? null;
  return {
    names: (demographics?.names ?? []).map(matchNameOf).filter((n): n is MatchName => n !== null),
    birthDate: birthDate && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(birthDate) ? birthDate : null,
    sex: gender && SEXES.has(gender) ? (gender as 'male' | 'female') : null,
    addresses: (demographics?.addresses ?? [])
      .map(matchAddressOf)
      .filter((a): a is MatchAddress => a !== null),
    phones: [
      ...new Set(
        (demographics?.telecom ?? [])
          .filter((t) => ['phone', 'sms', undefined].includes(t.system?.toLowerCase()))
          .map((t) => normalisePhone(t.value))
          .filter((p): p is string => p !== null),
      ),
    ],
    identifiers: identifiers.map(matchIdentifierOf),
  };
}
