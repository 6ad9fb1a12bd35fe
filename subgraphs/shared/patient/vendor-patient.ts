/**
 * How a vendor subgraph finds its own records for a global patient, and whose
 * consent governs them.
 *
 * Identity owns `Patient`, every identifier linked to it, and the patient's
 * consent-chain address. A vendor subgraph declares `Patient @key(fields: "id")`
 * with `linkKeys` and `consentAddress` marked `@external`, and puts
 * `VENDOR_PATIENT_REQUIRES` on each field it contributes. The gateway then fetches
 * both from identity and hands them to the vendor's field resolvers, which pick
 * the keys in their own systems (`localIdsOf`) and check consent against the
 * address. Merges and relinks take effect everywhere at once: no vendor keeps a
 * copy of the mapping. Both fields are `@inaccessible`: clients never see them.
 */
export const VENDOR_PATIENT_REQUIRES =
  '@requires(fields: "linkKeys { system value } consentAddress")';

export interface PatientIdentifierKey {
  system: string;
  value: string;
}

/** The representation a vendor subgraph receives for `Patient` fields it resolves. */
export interface VendorPatientRepresentation {
  id: string;
  linkKeys?: PatientIdentifierKey[] | null;
  consentAddress?: string | null;
  /** @deprecated representations from before linkKeys; read only as a fallback. */
  identifiers?: PatientIdentifierKey[] | null;
}

/** The local ids a vendor holds for this patient, among the systems it owns. */
export function localIdsOf(
  patient: VendorPatientRepresentation,
  ownsSystem: (system: string) => boolean,
): PatientIdentifierKey[] {
  return (patient.linkKeys ?? patient.identifiers ?? []).filter((identifier) =>
    ownsSystem(identifier.system),
  );
}
