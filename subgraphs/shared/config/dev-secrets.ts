import { generateKeyPairSync, randomBytes } from 'node:crypto';
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
  /**
   * The development bearer-token issuer's ES256 (EC P-256) key pair, PEM. Absent
   * from files written before it existed; `loadOrCreateDevTokenKeyPair` adds it.
   */
  tokenEs256PrivateKeyPem?: string;
  tokenEs256PublicKeyPem?: string;
}

export interface DevTokenKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

function generateTokenKeyPair(): Required<
  Pick<DevSecrets, 'tokenEs256PrivateKeyPem' | 'tokenEs256PublicKeyPem'>
> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    tokenEs256PrivateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    tokenEs256PublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
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
    ...generateTokenKeyPair(),
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

function tokenKeyPairOf(secrets: DevSecrets): DevTokenKeyPair | undefined {
  if (!secrets.tokenEs256PrivateKeyPem || !secrets.tokenEs256PublicKeyPem) return undefined;
  return {
    privateKeyPem: secrets.tokenEs256PrivateKeyPem,
    publicKeyPem: secrets.tokenEs256PublicKeyPem,
  };
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `action` holding an exclusive lock file next to `file`, so that processes
 * adding to the same secrets file (a gateway and a CLI starting together) agree on
 * one result. A lock older than `staleMs` was left by a crashed process.
 */
function withFileLock<T>(file: string, action: () => T, staleMs = 10_000): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + staleMs + 5_000;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > staleMs) fs.rmSync(lock, { force: true });
      } catch {
        // The holder released it between our two calls: try again.
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}`);
      sleepSync(10);
    }
  }
  try {
    return action();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * The development token issuer's ES256 key pair, generated into the secrets file
 * the first time it is needed when that file predates it (existing secrets are
 * kept as they are). Refused when NODE_ENV=production, like every dev secret.
 */
export function loadOrCreateDevTokenKeyPair(env: NodeJS.ProcessEnv = process.env): DevTokenKeyPair {
  const existing = tokenKeyPairOf(loadOrCreateDevSecrets(env));
  if (existing) return existing;
  const file = devSecretsFile(env);
  return withFileLock(file, () => {
    const current = JSON.parse(fs.readFileSync(file, 'utf8')) as DevSecrets;
    const found = tokenKeyPairOf(current);
    if (found) return found;
    const updated: DevSecrets = { ...current, ...generateTokenKeyPair() };
    // Write then rename: a reader never sees a half-written file.
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(updated, null, 2), { mode: 0o600 });
    fs.renameSync(temporary, file);
    return tokenKeyPairOf(updated)!;
  });
}

/** PEM keys travel through env vars either as PEM text or base64 of it. */
export function decodePem(value: string): string {
  return value.includes('-----BEGIN') ? value : Buffer.from(value, 'base64').toString('utf8');
}
