import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateAssertionKeyPair } from '../identity-assertion';
import { stateDir } from './project-paths';

/**
 * Development secrets, generated on first use into the (git-ignored) state folder
 * so that a stack started with `npm start` and a CLI run in another terminal agree
 * on them. Never used when NODE_ENV=production: production keys come from the
 * environment only, and a missing one stops the process at boot.
 */
export interface DevSecrets {
  assertionPrivateKeyPem: string;
  assertionPublicKeyPem: string;
  serviceToken: string;
  tokenSigningSecret: string;
}

export function devSecretsFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(stateDir(env), 'dev-secrets.json');
}

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

export function loadOrCreateDevSecrets(env: NodeJS.ProcessEnv = process.env): DevSecrets {
  if (isProduction(env)) {
    throw new Error('Development secrets are refused when NODE_ENV=production');
  }
  const file = devSecretsFile(env);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DevSecrets;
  const keys = generateAssertionKeyPair();
  const secrets: DevSecrets = {
    assertionPrivateKeyPem: keys.privateKeyPem,
    assertionPublicKeyPem: keys.publicKeyPem,
    serviceToken: randomBytes(32).toString('base64url'),
    tokenSigningSecret: randomBytes(32).toString('base64url'),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Exclusive create: two processes racing here must end up with one set of keys.
  try {
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DevSecrets;
  }
}

/** PEM keys travel through env vars either as PEM text or base64 of it. */
export function decodePem(value: string): string {
  return value.includes('-----BEGIN') ? value : Buffer.from(value, 'base64').toString('utf8');
}
