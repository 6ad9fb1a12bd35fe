/**
 * The message types and trigger events this feed processes. Anything else is
 * answered AR with table 0357 code 200 (type) or 201 (event), so a sender learns
 * at once that nothing was stored, instead of an AA for data that went nowhere.
 */
export const ADT_EVENTS = new Set([
  'A01', // admit
  'A02', // transfer
  'A03', // discharge
  'A04', // register (outpatient, emergency)
  'A05', // pre-admit
  'A06', // outpatient to inpatient
  'A07', // inpatient to outpatient
  'A08', // update patient information
  'A11', // cancel admit / visit
  'A12', // cancel transfer
  'A13', // cancel discharge
  'A14', // pending admit
  'A28', // add person information
  'A31', // update person information
  'A34', // merge patient information, patient id only (pre-2.5)
  'A40', // merge patient, patient identifier list
]);

/** Events that carry patient (person) data only: their PV1, if any, is not a visit. */
export const PERSON_ONLY_EVENTS = new Set(['A28', 'A31', 'A34', 'A40']);

/** Events that merge two patients (PID = survivor, MRG = the merged one). */
export const MERGE_EVENTS = new Set(['A34', 'A40']);

export const ORU_EVENTS = new Set(['R01']);

export function isSupportedType(messageType: string): boolean {
  return messageType === 'ADT' || messageType === 'ORU';
}

export function isSupportedEvent(messageType: string, triggerEvent: string): boolean {
  if (messageType === 'ADT') return ADT_EVENTS.has(triggerEvent);
  if (messageType === 'ORU') return ORU_EVENTS.has(triggerEvent);
  return false;
}
