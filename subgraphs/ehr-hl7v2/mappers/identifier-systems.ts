import { VENDOR_SYSTEMS } from '../../../generator/vendor-systems';
import { clean, componentValue, type Hl7Components } from '../hl7/hl7-access';

/**
 * Which FHIR identifier system a v2 identifier (CX) belongs to. The assigning
 * authority (CX.4) names the system; deployments map the authorities they know
 * to their agreed URIs (HL7_AUTHORITY_SYSTEMS), everything else gets a stable
 * PatientGraph URN per authority. An identifier without an authority only means
 * something inside the system that sent it, so it is scoped to the sender.
 */
export const HL7V2_SYSTEM_PREFIX = 'urn:patientgraph:hl7v2:';

export type AuthoritySystems = Readonly<Record<string, string>>;

export const DEFAULT_AUTHORITY_SYSTEMS: AuthoritySystems = Object.freeze({
  [VENDOR_SYSTEMS.riversideMrnAuthority]: VENDOR_SYSTEMS.riversideMrn,
  USSSA: VENDOR_SYSTEMS.ssn,
  SSA: VENDOR_SYSTEMS.ssn,
});

/** Parses `AUTH=system,AUTH2=system2` (HL7_AUTHORITY_SYSTEMS); returns problems too. */
export function parseAuthoritySystems(text: string | undefined): {
  systems: Record<string, string>;
  problems: string[];
} {
  const systems: Record<string, string> = {};
  const problems: string[] = [];
  for (const entry of (text ?? '').split(',')) {
    if (!entry.trim()) continue;
    const at = entry.indexOf('=');
    const authority = entry.slice(0, at).trim();
    const system = entry.slice(at + 1).trim();
    if (at < 1 || !authority || !/^[a-z][a-z0-9+.-]*:/i.test(system)) {
      problems.push(`HL7_AUTHORITY_SYSTEMS entry "${entry.trim()}" must be AUTHORITY=<system URI>`);
      continue;
    }
    systems[authority.toUpperCase()] = system;
  }
  return { systems, problems };
}

export function authorityKey(id: Hl7Components): string {
  // CX.4 is an HD: namespace id & universal id & universal id type.
  return clean(componentValue(id, 4, 1)) || clean(componentValue(id, 4, 2));
}

export function isSsn(id: Hl7Components, systems: AuthoritySystems): boolean {
  return (
    clean(componentValue(id, 5)).toUpperCase() === 'SS' ||
    systemForAuthorityName(authorityKey(id), systems) === VENDOR_SYSTEMS.ssn
  );
}

function systemForAuthorityName(authority: string, systems: AuthoritySystems): string | null {
  return authority ? (systems[authority.toUpperCase()] ?? null) : null;
}

/** `999123456` and `999-12-3456` are one SSN; the dashed form is what FHIR sources send. */
export function normaliseSsn(value: string): string {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{9}$/.test(digits)
    ? `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`
    : value.trim();
}

/**
 * The system URI of one CX identifier. `senderScope` names the sender (MSH-4, else
 * MSH-3) for identifiers that came without an authority.
 */
export function identifierSystem(
  id: Hl7Components,
  systems: AuthoritySystems,
  senderScope: string,
): string {
  if (clean(componentValue(id, 5)).toUpperCase() === 'SS') return VENDOR_SYSTEMS.ssn;
  const namespace = clean(componentValue(id, 4, 1));
  const universalId = clean(componentValue(id, 4, 2));
  const mapped =
    systemForAuthorityName(namespace, systems) ?? systemForAuthorityName(universalId, systems);
  if (mapped) return mapped;
  if (namespace) return `${HL7V2_SYSTEM_PREFIX}${encodeURIComponent(namespace)}`;
  if (/^\d+(\.\d+)+$/.test(universalId)) return `urn:oid:${universalId}`;
  if (universalId) return `${HL7V2_SYSTEM_PREFIX}${encodeURIComponent(universalId)}`;
  return `${HL7V2_SYSTEM_PREFIX}${encodeURIComponent(senderScope || 'unknown-sender')}`;
}
