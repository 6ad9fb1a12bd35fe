import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';

/**
 * The vendors whose accounts this subgraph holds, and the identifier system each
 * account id lives in. Fitbit and Dexcom use the systems the whole project agrees
 * on (generator/vendor-systems.ts); the others are PatientGraph's own URIs for the
 * vendor's user id, since no registry names them.
 */
export const VENDORS = ['fitbit', 'dexcom', 'googlefit', 'ihealth', 'withings', 'omh'] as const;
export type Vendor = (typeof VENDORS)[number];

export const VENDOR_ACCOUNT_SYSTEMS: Readonly<Record<Vendor, string>> = {
  fitbit: VENDOR_SYSTEMS.fitbitUser,
  dexcom: VENDOR_SYSTEMS.dexcomDevice,
  googlefit: 'https://www.googleapis.com/fitness/v1/users',
  ihealth: 'https://api.ihealthlabs.com/users',
  withings: 'https://wbsapi.withings.net/users',
  // Open mHealth data points carry the source system's user id in header.user_id.
  omh: 'https://w3id.org/openmhealth/users',
};

export function isVendor(value: unknown): value is Vendor {
  return typeof value === 'string' && (VENDORS as readonly string[]).includes(value);
}

const VENDOR_BY_SYSTEM = new Map(
  Object.entries(VENDOR_ACCOUNT_SYSTEMS).map(([vendor, system]) => [system, vendor as Vendor]),
);

export function vendorOfSystem(system: string): Vendor | undefined {
  return VENDOR_BY_SYSTEM.get(system);
}

export function ownsAccountSystem(system: string): boolean {
  return VENDOR_BY_SYSTEM.has(system);
}
