/**
 * HL7 v2 table 0085 (OBX-11 observation result status) and table 0123 (OBR-25
 * result status) to FHIR ObservationStatus, following the v2-to-FHIR IG's
 * ConceptMaps. An OBX without a status takes its order's (OBR-25).
 */
const OBX_STATUS: Record<string, string> = {
  C: 'corrected',
  D: 'entered-in-error',
  F: 'final',
  I: 'registered',
  N: 'cancelled',
  O: 'registered',
  P: 'preliminary',
  R: 'preliminary',
  S: 'preliminary',
  U: 'final',
  W: 'entered-in-error',
  X: 'cancelled',
  A: 'amended',
};

const OBR_STATUS: Record<string, string> = {
  O: 'registered',
  I: 'registered',
  S: 'registered',
  A: 'preliminary',
  P: 'preliminary',
  R: 'preliminary',
  N: 'preliminary',
  C: 'corrected',
  M: 'amended',
  F: 'final',
  X: 'cancelled',
  Y: 'unknown',
  Z: 'unknown',
};

export function resultStatusToFhir(obxStatus: string | null, obrStatus: string | null): string {
  const obx = (obxStatus ?? '').trim().toUpperCase();
  if (obx && OBX_STATUS[obx]) return OBX_STATUS[obx]!;
  const obr = (obrStatus ?? '').trim().toUpperCase();
  return OBR_STATUS[obr] ?? 'unknown';
}
