/**
 * FHIR R4 OperationOutcome (http://hl7.org/fhir/R4/operationoutcome.html) from a
 * fixed vocabulary: every FHIR-speaking endpoint reports success and failure with
 * these builders, and `outcomeHttpStatus` is the one place an outcome becomes an
 * HTTP status. Issue texts name elements (FHIRPath `expression`), never values:
 * values are patient data.
 */

export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/** The R4 issue-type codes this project uses (http://hl7.org/fhir/R4/valueset-issue-type.html). */
export type IssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'processing'
  | 'not-supported'
  | 'duplicate'
  | 'not-found'
  | 'multiple-matches'
  | 'conflict'
  | 'too-long'
  | 'too-costly'
  | 'business-rule'
  | 'exception'
  | 'transient'
  | 'throttled'
  | 'informational';

export interface OperationOutcomeIssue {
  severity: IssueSeverity;
  code: IssueType;
  details?: { coding?: { system?: string; code?: string; display?: string }[]; text?: string };
  diagnostics?: string;
  /** FHIRPath of the element the issue is about (e.g. `Bundle.entry[2].resource.status`). */
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  id?: string;
  issue: OperationOutcomeIssue[];
}

/** Codes for outcomes of a successful write, so clients can count without parsing text. */
export const OUTCOME_CODE_SYSTEM = 'https://patientgraph.example/fhir/CodeSystem/outcome';

function outcome(id: string, issue: OperationOutcomeIssue): OperationOutcome {
  return { resourceType: 'OperationOutcome', id, issue: [issue] };
}

function info(id: string, text: string): OperationOutcome {
  return outcome(id, {
    severity: 'information',
    code: 'informational',
    details: { coding: [{ system: OUTCOME_CODE_SYSTEM, code: id }], text },
  });
}

export const allOk: OperationOutcome = info('ok', 'All OK');
export const created: OperationOutcome = info('created', 'Created');
export const updated: OperationOutcome = info('updated', 'Updated (new version)');
/** A re-send of content already stored: nothing changed. */
export const unchanged: OperationOutcome = info(
  'unchanged',
  'Unchanged (same content already stored)',
);
export const deleted: OperationOutcome = info('deleted', 'Deleted');

/** The request (or one element of it) is wrong; `expression` says where. */
export function badRequest(diagnostics: string, expression?: string, code: IssueType = 'invalid') {
  return outcome('bad-request', {
    severity: 'error',
    code,
    diagnostics,
    ...(expression ? { expression: [expression] } : {}),
  });
}

export function notFound(diagnostics = 'Not found', expression?: string): OperationOutcome {
  return outcome('not-found', {
    severity: 'error',
    code: 'not-found',
    diagnostics,
    ...(expression ? { expression: [expression] } : {}),
  });
}

export function notSupported(diagnostics: string, expression?: string): OperationOutcome {
  return badRequest(diagnostics, expression, 'not-supported');
}

export function conflict(diagnostics: string, expression?: string): OperationOutcome {
  return outcome('conflict', {
    severity: 'error',
    code: 'conflict',
    diagnostics,
    ...(expression ? { expression: [expression] } : {}),
  });
}

export function tooLarge(diagnostics: string): OperationOutcome {
  return outcome('too-large', { severity: 'error', code: 'too-long', diagnostics });
}

export const unauthorized: OperationOutcome = outcome('unauthorized', {
  severity: 'error',
  code: 'login',
  diagnostics: 'A valid service token is required',
});

/** An unexpected failure: the text is fixed so nothing internal leaks. */
export const serverError: OperationOutcome = outcome('server-error', {
  severity: 'fatal',
  code: 'exception',
  diagnostics: 'Internal error',
});

/** One outcome listing several issues (e.g. every problem of a rejected transaction). */
export function outcomeOf(issues: OperationOutcomeIssue[], id = 'issues'): OperationOutcome {
  return { resourceType: 'OperationOutcome', id, issue: issues };
}

export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'OperationOutcome' &&
    Array.isArray((value as { issue?: unknown }).issue)
  );
}

export function isErrorOutcome(value: OperationOutcome): boolean {
  return value.issue.some((i) => i.severity === 'error' || i.severity === 'fatal');
}

const STATUS_BY_ISSUE: Partial<Record<IssueType, number>> = {
  login: 401,
  security: 401,
  forbidden: 403,
  'not-found': 404,
  // FHIR: a conditional operation or reference that matches several resources.
  'multiple-matches': 412,
  conflict: 409,
  duplicate: 409,
  'too-long': 413,
  'business-rule': 422,
  throttled: 429,
  exception: 500,
  transient: 503,
};

/**
 * The HTTP status for an outcome: success outcomes map by id (created -> 201), error
 * outcomes by their first error issue's code; request-shape problems (invalid,
 * structure, required, value, not-supported, processing, ...) are 400.
 */
export function outcomeHttpStatus(value: OperationOutcome): number {
  const failure = value.issue.find((i) => i.severity === 'error' || i.severity === 'fatal');
  if (!failure) return value.id === 'created' ? 201 : 200;
  return STATUS_BY_ISSUE[failure.code] ?? 400;
}

/** "201 Created", as FHIR Bundle.entry.response.status wants it. */
export function statusLine(status: number): string {
  const text: Record<number, string> = {
    200: 'OK',
    201: 'Created',
    204: 'No Content',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    412: 'Precondition Failed',
    413: 'Payload Too Large',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return `${status} ${text[status] ?? ''}`.trim();
}
