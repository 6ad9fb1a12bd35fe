import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. What may appear: request/trace ids, subgraph name, opaque
 * ids, error codes, counts and timings. What must never appear: names, birth
 * dates, MRNs, payloads, SQL, wallet-to-patient links. The redaction list below is
 * a last line of defence for the common PHI keys, not a licence to log objects.
 */
const PHI_KEYS = [
  'name',
  'family',
  'given',
  'birthDate',
  'address',
  'telecom',
  'phone',
  'email',
  'ssn',
  'mrn',
  'payload',
  'body',
  'resource',
  'message.raw',
];

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: PHI_KEYS.flatMap((k) => [k, `*.${k}`]), censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
