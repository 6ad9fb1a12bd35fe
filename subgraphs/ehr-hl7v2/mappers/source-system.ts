import { HL7V2_SYSTEM_PREFIX } from './identifier-systems';

/**
 * The RecordSource.system of a message: its sender, MSH-3 application at MSH-4
 * facility (`urn:patientgraph:hl7v2:sender:RVLAB_LIS@RIVERSIDE_GH`). Distinct from
 * identifier systems (`urn:patientgraph:hl7v2:<authority>`): ':' in the parts is
 * percent-encoded, so the two can never collide.
 */
export function sourceSystemOf(sendingApplication: string, sendingFacility: string): string {
  const part = (text: string) => encodeURIComponent(text || 'unknown');
  return `${HL7V2_SYSTEM_PREFIX}sender:${part(sendingApplication)}@${part(sendingFacility)}`;
}

/** RecordSource.format: "HL7 v2.5.1". */
export function formatOf(version: string): string {
  return version ? `HL7 v${version}` : 'HL7 v2';
}
