/**
 * The identifier systems the synthetic vendors use. Real deployments configure
 * their own; the generator and the subgraphs' defaults agree on these so the
 * seeded population links up across vendors out of the box.
 */
export const VENDOR_SYSTEMS = {
  /** Riverside Health's EHR (FHIR R4, Epic-style): base URL of its FHIR API. */
  ehrFhirBase: 'https://ehr.riverside.example/fhir',
  /** Riverside's medical record number, as a FHIR identifier system. */
  riversideMrn: 'https://riverside.example/sid/mrn',
  /** The same MRN's assigning authority in HL7 v2 (PID-3.4). */
  riversideMrnAuthority: 'RIVERSIDE',
  /** The hospital lab/ADT system's own patient id authority (PID-3.4). */
  hospitalLabAuthority: 'RVLAB',
  /** Sending application / facility of the HL7 v2 feed (MSH-3 / MSH-4). */
  hl7SendingApplication: 'RVLAB_LIS',
  hl7SendingFacility: 'RIVERSIDE_GH',
  /** US Social Security Number (FHIR-registered system). */
  ssn: 'http://hl7.org/fhir/sid/us-ssn',
  /** Fitbit-style account ids. */
  fitbitUser: 'https://api.fitbit.com/user',
  /** Dexcom-style CGM transmitter/receiver serials. */
  dexcomDevice: 'https://api.dexcom.com/device',
} as const;
