/**
 * How a vendor subgraph finds its own records for a global patient.
 *
 * Identity owns `Patient` and every identifier linked to it. A vendor subgraph
 * declares `Patient @key(fields: "id")` with `identifiers` marked `@external`, and
 * puts `VENDOR_PATIENT_REQUIRES` on each field it contributes. The gateway then
 * fetches the patient's identifiers from identity and hands them to the vendor's
 * field resolvers, which pick the ones in their own systems. Merges and relinks
 * therefore take effect everywhere at once: no vendor keeps a copy of the mapping.
 */
export const VENDOR_PATIENT_REQUIRES = '@requires(fields: "identifiers { system value }")';

export interface PatientIdentifierKey {
  system: string;
  value: string;
}

/** The representation a vendor subgraph receives for `Patient` fields it resolves. */
export interface VendorPatientRepresentation {
  id: string;
  identifiers?: PatientIdentifierKey[] | null;
}

/** The local ids a vendor holds for this patient, among the systems it owns. */
export function localIdsOf(
  patient: VendorPatientRepresentation,
  ownsSystem: (system: string) => boolean,
): PatientIdentifierKey[] {
  return (patient.identifiers ?? []).filter((identifier) => ownsSystem(identifier.system));
}
