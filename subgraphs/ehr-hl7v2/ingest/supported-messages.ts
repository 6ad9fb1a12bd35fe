/**
 * What this feed processes. ADT (admissions: patients and visits) and lab results
 * (ORU, OUL). Everything else is answered AR with table 0357 code 200 (type) or
 * 201 (event) and the reason, so a sender learns at once that nothing was stored
 * instead of getting an AA for data that went nowhere.
 */
export const RESULT_EVENTS: Record<string, ReadonlySet<string>> = {
  // Unsolicited observation results; R30-R32 are the point-of-care variants.
  ORU: new Set(['R01', 'R30', 'R31', 'R32']),
  // Unsolicited laboratory observations (specimen- and container-oriented).
  OUL: new Set(['R21', 'R22', 'R23', 'R24']),
};

/**
 * ADT events refused, with why. Every other ADT event updates the patient from PID
 * and, when it carries one, the visit from PV1 (see visitStatusAfter for the events
 * that change a visit's status).
 */
export const REFUSED_ADT_EVENTS: Record<string, string> = {
  A20: 'ADT^A20 (bed status update) carries no patient data',
  A29: 'ADT^A29 (delete person information) is not applied: feed messages never delete patient records',
};

/** Events that carry person data only: their PV1, if any, does not describe a visit. */
export const PERSON_ONLY_EVENTS = new Set([
  'A18',
  'A24',
  'A28',
  'A29',
  'A30',
  'A31',
  'A34',
  'A36',
  'A37',
  'A39',
  'A40',
  'A46',
  'A47',
  'A60',
]);

/**
 * Events that merge or re-key patients: the patient MRG-1 names becomes the PID
 * patient (merge patient information A18/A30/A34/A36/A39/A40, change patient
 * identifier A46/A47). Account and visit merges (A35, A41, A42) do not re-key patients.
 */
export const MERGE_EVENTS = new Set(['A18', 'A30', 'A34', 'A36', 'A39', 'A40', 'A46', 'A47']);

export function isSupportedType(messageType: string): boolean {
  return messageType === 'ADT' || messageType in RESULT_EVENTS;
}

export function isResultType(messageType: string): boolean {
  return messageType in RESULT_EVENTS;
}

/** Null when the event is processed, else why it is not. */
export function unsupportedEventReason(messageType: string, triggerEvent: string): string | null {
  if (messageType === 'ADT') {
    if (REFUSED_ADT_EVENTS[triggerEvent]) return REFUSED_ADT_EVENTS[triggerEvent]!;
    // A01-A62 are the standard's ADT events (v2.8); others are site-specific.
    const number = Number(/^A(\d{2})$/.exec(triggerEvent)?.[1] ?? 0);
    if (number >= 1 && number <= 62) return null;
    return `Unsupported event ADT^${triggerEvent || '(none)'}`;
  }
  const events = RESULT_EVENTS[messageType];
  if (events?.has(triggerEvent)) return null;
  return `Unsupported event ${messageType}^${triggerEvent || '(none)'}`;
}
