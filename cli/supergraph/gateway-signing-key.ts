import type { KeyObject } from 'node:crypto';
import {
  decodePem,
  isProduction,
  loadOrCreateDevSecrets,
} from '../../subgraphs/shared/config/dev-secrets';
import { loadPrivateKey } from '../../subgraphs/shared/identity-assertion';

/**
 * The key the gateway signs its subgraph calls with: subgraphs serve their SDL
 * (`_service`) only to the gateway. GATEWAY_ASSERTION_PRIVATE_KEY, or outside
 * production the local stack's development key.
 */
export function gatewaySigningKey(env: NodeJS.ProcessEnv = process.env): KeyObject {
  const pem = env.GATEWAY_ASSERTION_PRIVATE_KEY;
  if (pem) return loadPrivateKey(decodePem(pem));
  if (isProduction(env))
    throw new Error(
      'GATEWAY_ASSERTION_PRIVATE_KEY is required to fetch subgraph SDL in production',
    );
  return loadPrivateKey(loadOrCreateDevSecrets(env).assertionPrivateKeyPem);
}
