import type {
  FhirAddressJson,
  FhirContactPointJson,
  FhirHumanNameJson,
} from '../../shared/patient/link-request';
import { clean, componentText, componentValue, type Hl7Components } from '../hl7/hl7-access';

/**
 * HL7 v2 person datatypes (XPN, XAD, XTN, XCN) to FHIR JSON shapes, following the
 * v2-to-FHIR IG datatype maps. Pure and total: an empty component is simply left
 * out, never an error.
 */

// Table 0200 (name type) to FHIR NameUse.
const NAME_USE: Record<string, string> = {
  L: 'official',
  D: 'usual',
  M: 'maiden',
  N: 'nickname',
  A: 'anonymous',
  S: 'anonymous',
  B: 'official',
  C: 'official',
  BAD: 'old',
  NB: 'old',
  R: 'official',
  T: 'temp',
  U: 'usual',
};

function nonEmpty(values: string[]): string[] {
  return values.map(clean).filter((value) => value.length > 0);
}

/** XPN: family (FN) ^ given ^ further given ^ suffix ^ prefix ^ degree ^ name type. */
export function xpnToHumanName(xpn: Hl7Components): FhirHumanNameJson | null {
  // FN.1 is the surname; FN.2-5 (own-surname prefix, partner's surname...) are
  // parts of the family name some senders fill in.
  const family = clean(componentValue(xpn, 1, 1));
  const given = nonEmpty([componentValue(xpn, 2), ...clean(componentValue(xpn, 3)).split(/\s+/)]);
  const suffix = nonEmpty([componentValue(xpn, 4), componentValue(xpn, 6)]);
  const prefix = nonEmpty([componentValue(xpn, 5)]);
  if (!family && given.length === 0) return null;
  const name: FhirHumanNameJson = {};
  const use = NAME_USE[clean(componentValue(xpn, 7)).toUpperCase()];
  if (use) name.use = use;
  if (family) name.family = family;
  if (given.length) name.given = given;
  if (prefix.length) name.prefix = prefix;
  if (suffix.length) name.suffix = suffix;
  return name;
}

// Table 0190 (address type) to FHIR AddressUse / AddressType.
const ADDRESS_USE: Record<string, string> = {
  H: 'home',
  P: 'home',
  B: 'work',
  O: 'work',
  C: 'temp',
  BA: 'old',
  BDL: 'old',
};

/** XAD: street (SAD) ^ other designation ^ city ^ state ^ zip ^ country ^ type ^ ^ county. */
export function xadToAddress(xad: Hl7Components): FhirAddressJson | null {
  const line = nonEmpty([componentText(xad, 1), componentValue(xad, 2)]);
  const address: FhirAddressJson = {};
  if (line.length) address.line = line;
  const city = clean(componentValue(xad, 3));
  const state = clean(componentValue(xad, 4));
  const postalCode = clean(componentValue(xad, 5));
  const country = clean(componentValue(xad, 6));
  const district = clean(componentValue(xad, 9));
  if (city) address.city = city;
  if (district) address.district = district;
  if (state) address.state = state;
  if (postalCode) address.postalCode = postalCode;
  if (country) address.country = country;
  if (Object.keys(address).length === 0) return null;
  const type = clean(componentValue(xad, 7)).toUpperCase();
  if (ADDRESS_USE[type]) address.use = ADDRESS_USE[type];
  return address;
}

// Table 0201 (telecom use) and 0202 (equipment type) to FHIR ContactPoint use/system.
const TELECOM_USE: Record<string, string> = {
  PRN: 'home',
  ORN: 'home',
  VHN: 'home',
  WPN: 'work',
  PRS: 'mobile',
  EMR: 'temp',
};
const TELECOM_SYSTEM: Record<string, string> = {
  PH: 'phone',
  CP: 'phone',
  FX: 'fax',
  BP: 'pager',
  INTERNET: 'email',
  'X.400': 'email',
  MD: 'other',
  TDD: 'other',
  TTY: 'other',
  SAT: 'phone',
};

/**
 * XTN: the number is XTN.1 (free text, pre-2.5 style) or the structured parts
 * (country ^ area ^ local ^ extension, XTN.5-8), or the email address (XTN.4).
 */
export function xtnToContactPoint(
  xtn: Hl7Components,
  defaultUse: 'home' | 'work',
): FhirContactPointJson | null {
  const equipment = clean(componentValue(xtn, 3)).toUpperCase();
  const email = clean(componentValue(xtn, 4));
  const structured = [componentValue(xtn, 5), componentValue(xtn, 6), componentValue(xtn, 7)]
    .map(clean)
    .filter(Boolean)
    .join(' ');
  const extension = clean(componentValue(xtn, 8));
  const number =
    clean(componentValue(xtn, 1)) ||
    (structured ? `${structured}${extension ? ` x${extension}` : ''}` : '') ||
    clean(componentValue(xtn, 12));
  const value = equipment === 'INTERNET' || equipment === 'X.400' ? email || number : number;
  if (!value) return null;
  const contact: FhirContactPointJson = {
    system: TELECOM_SYSTEM[equipment] ?? (value.includes('@') ? 'email' : 'phone'),
    value,
    use:
      equipment === 'CP'
        ? 'mobile'
        : (TELECOM_USE[clean(componentValue(xtn, 2)).toUpperCase()] ?? defaultUse),
  };
  return contact;
}

/** XCN (a practitioner): "Dr. Aaron A Attend" or, without a name, the id. */
export function xcnToDisplay(xcn: Hl7Components): string | null {
  const parts = nonEmpty([
    componentValue(xcn, 6),
    componentValue(xcn, 3),
    componentValue(xcn, 4),
    componentValue(xcn, 2, 1),
    componentValue(xcn, 5),
  ]);
  if (parts.length) return parts.join(' ');
  return clean(componentValue(xcn, 1)) || null;
}

/** PL (a location): point of care, room, bed, facility, building, floor. */
export function plToDisplay(pl: Hl7Components): string | null {
  const parts = nonEmpty([
    componentValue(pl, 1, 1),
    componentValue(pl, 2, 1),
    componentValue(pl, 3, 1),
    componentValue(pl, 4, 1),
  ]);
  const description = clean(componentValue(pl, 9));
  if (parts.length === 0) return description || null;
  return description ? `${parts.join(' ')} (${description})` : parts.join(' ');
}
