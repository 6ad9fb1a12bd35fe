/** A patient named by one of its identifiers, or by its global id. */
export type PatientRef = { system: string; value: string } | { patientId: string };

export interface MergeRequest {
  /** Who asks: a subgraph ('ehr-hl7v2' for ADT^A40) or a review tool. */
  source: string;
  survivor: PatientRef;
  merged: PatientRef;
  reason: string | null;
  requestedBy: string | null;
}

const MAX_TEXT = 500;

function parseRef(value: unknown, name: string, problems: string[]): PatientRef | null {
  if (typeof value === 'object' && value !== null) {
    const ref = value as Record<string, unknown>;
    if (typeof ref.patientId === 'string' && ref.patientId.length > 0) {
      return { patientId: ref.patientId };
    }
    if (
      typeof ref.system === 'string' &&
      ref.system.length > 0 &&
      typeof ref.value === 'string' &&
      ref.value.length > 0
    ) {
      return { system: ref.system, value: ref.value };
    }
  }
  problems.push(`${name} must be { system, value } or { patientId }`);
  return null;
}

function optionalText(value: unknown, name: string, problems: string[]): string | null {
  if (value == null) return null;
  if (typeof value !== 'string' || value.length > MAX_TEXT) {
    problems.push(`${name} must be a string of at most ${MAX_TEXT} characters`);
    return null;
  }
  return value;
}

/**
 * `{ source, survivor, merged, reason?, requestedBy? | reviewer? }`; `survivor` and
 * `merged` are `{ system, value }` (an identifier, as HL7 A40 names patients) or
 * `{ patientId }` (a global id, as a reviewer does).
 */
export function validateMergeRequest(body: unknown): {
  request?: MergeRequest;
  problems: string[];
} {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { problems: ['body must be an object'] };
  }
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof b.source !== 'string' || b.source.length === 0) {
    problems.push('source must be a non-empty string');
  }
  const survivor = parseRef(b.survivor, 'survivor', problems);
  const merged = parseRef(b.merged, 'merged', problems);
  const reason = optionalText(b.reason, 'reason', problems);
  const requestedBy = optionalText(b.requestedBy ?? b.reviewer, 'requestedBy', problems);
  if (problems.length > 0) return { problems };
  return {
    request: {
      source: b.source as string,
      survivor: survivor!,
      merged: merged!,
      reason,
      requestedBy,
    },
    problems,
  };
}

/** `POST /merges/{id}/undo` body (optional): `{ requestedBy? | reviewer?, reason? }`. */
export function validateUndoRequest(body: unknown): {
  request?: { requestedBy: string | null };
  problems: string[];
} {
  if (body === undefined) return { request: { requestedBy: null }, problems: [] };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { problems: ['body must be an object'] };
  }
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  const requestedBy = optionalText(b.requestedBy ?? b.reviewer, 'requestedBy', problems);
  return problems.length > 0 ? { problems } : { request: { requestedBy }, problems };
}
