import { GraphQLError } from 'graphql';

/**
 * The closed catalogue of error codes a PatientGraph client can see in
 * `extensions.code`. Anything else that escapes a resolver is re-coded INTERNAL
 * (see `maskUnexpectedError`), so clients can switch on this list exhaustively.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONSENT_REQUIRED',
  'CONSENT_UNAVAILABLE',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'UPSTREAM_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Extra, non-PHI details an error may carry (ids are opaque, never names). */
export type ErrorDetails = Record<string, string | number | boolean | null | undefined>;

export abstract class PatientGraphError extends GraphQLError {
  abstract readonly code: ErrorCode;
  protected constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, { extensions: { ...details, code } });
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends PatientGraphError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'Authentication is required', details?: ErrorDetails) {
    super('UNAUTHENTICATED', message, details);
  }
}

export class ForbiddenError extends PatientGraphError {
  readonly code = 'FORBIDDEN' as const;
  constructor(message = 'Not allowed', details?: ErrorDetails) {
    super('FORBIDDEN', message, details);
  }
}

export class ConsentRequiredError extends PatientGraphError {
  readonly code = 'CONSENT_REQUIRED' as const;
  constructor(details: { category: string; purpose: string; patientId: string } & ErrorDetails) {
    super(
      'CONSENT_REQUIRED',
      `Consent for category ${details.category} and purpose ${details.purpose} is required`,
      details,
    );
  }
}

export class ConsentUnavailableError extends PatientGraphError {
  readonly code = 'CONSENT_UNAVAILABLE' as const;
  constructor(details: { category: string; purpose: string; patientId: string } & ErrorDetails) {
    super(
      'CONSENT_UNAVAILABLE',
      'Consent could not be verified right now; sensitive data is withheld',
      details,
    );
  }
}

export class NotFoundError extends PatientGraphError {
  readonly code = 'NOT_FOUND' as const;
  constructor(message = 'Not found', details?: ErrorDetails) {
    super('NOT_FOUND', message, details);
  }
}

export class BadUserInputError extends PatientGraphError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(message: string, details?: ErrorDetails) {
    super('BAD_USER_INPUT', message, details);
  }
}

export class UpstreamUnavailableError extends PatientGraphError {
  readonly code = 'UPSTREAM_UNAVAILABLE' as const;
  constructor(message: string, details?: ErrorDetails) {
    super('UPSTREAM_UNAVAILABLE', message, details);
  }
}

export class InternalError extends PatientGraphError {
  readonly code = 'INTERNAL' as const;
  constructor(message = 'Internal error', details?: ErrorDetails) {
    super('INTERNAL', message, details);
  }
}

/**
 * Apollo's own validation/parse errors use codes of their own
 * (GRAPHQL_VALIDATION_FAILED, GRAPHQL_PARSE_FAILED, ...): those say what is wrong
 * with the request and are safe to pass on. Everything else that is not one of
 * ours is an unexpected failure whose message may contain internals (SQL, paths,
 * values), so it is replaced.
 */
const APOLLO_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // @apollo/gateway: a document it cannot execute as sent ("Must provide operation name").
  'INVALID_GRAPHQL',
]);

export interface FormattedErrorLike {
  message: string;
  extensions?: { [key: string]: unknown };
}

export function maskUnexpectedError<T extends FormattedErrorLike>(formatted: T): T {
  const code = formatted.extensions?.code;
  if (isErrorCode(code) || (typeof code === 'string' && APOLLO_REQUEST_CODES.has(code))) {
    return formatted;
  }
  return {
    ...formatted,
    message: 'Internal error',
    extensions: { code: 'INTERNAL' },
  };
}
