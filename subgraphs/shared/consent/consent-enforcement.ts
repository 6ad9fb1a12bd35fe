import type { ConsentConfig } from '../config/consent-config';
import type { Logger } from '../logger';

export const CONSENT_UNENFORCED_WARNING =
  'CONSENT ENFORCEMENT IS OFF: sensitive fields resolve WITHOUT consent checks and WITHOUT audit. ' +
  'For measuring the policy layer only (CONSENT_ENFORCEMENT=off); never serve real patients like this.';

/**
 * Says loudly, once at start, that a process runs with consent enforcement off
 * (config validation already refuses it in production). Returns whether it is off.
 */
export function warnWhenConsentUnenforced(
  config: Pick<ConsentConfig, 'enforcement'>,
  logger: Logger,
): boolean {
  if (config.enforcement !== 'off') return false;
  logger.warn({ consentEnforcement: 'off' }, CONSENT_UNENFORCED_WARNING);
  return true;
}
