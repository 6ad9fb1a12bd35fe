import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Algorithms a caller's token may be signed with when verified with public keys. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

export interface VerificationKey {
  key: KeyObject;
  /** The one algorithm this key verifies (a key is never used with another). */
  alg: string;
  /** From a JWK's `kid`; PEM keys have none. */
  kid?: string;
}

export class PublicKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublicKeyError';
  }
}

const CURVE_ALGORITHMS: Record<string, string> = {
  prime256v1: 'ES256',
  secp384r1: 'ES384',
  secp521r1: 'ES512',
};

/**
 * The algorithm a public key verifies, from its type: RSA -> RS256, RSA-PSS ->
 * PS256, EC P-256/P-384/P-521 -> ES256/ES384/ES512, Ed25519 -> EdDSA. Pinning
 * the algorithm to the key closes algorithm-confusion attacks (an RSA public key
 * used as an HMAC secret, say).
 */
export function algorithmForKey(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      // RFC 7518 §3.3: keys of 2048 bits or larger.
      if ((details.modulusLength ?? 0) < 2048)
        throw new PublicKeyError('RSA keys must be at least 2048 bits');
      return key.asymmetricKeyType === 'rsa' ? 'RS256' : 'PS256';
    case 'ec': {
      const alg = CURVE_ALGORITHMS[details.namedCurve ?? ''];
      if (!alg) throw new PublicKeyError(`EC curve ${details.namedCurve} is not supported`);
      return alg;
    }
    case 'ed25519':
      return 'EdDSA';
    default:
      throw new PublicKeyError(`${key.asymmetricKeyType} keys are not supported`);
  }
}

function fromJwk(jwk: JsonWebKey & { alg?: string; kid?: string; use?: string }): VerificationKey {
  if (jwk.d !== undefined || jwk.k !== undefined)
    throw new PublicKeyError('a private or symmetric JWK was given where a public key belongs');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk, format: 'jwk' });
  } catch (error) {
    throw new PublicKeyError(`JWK is not a public key: ${(error as Error).message}`);
  }
  const keyAlg = algorithmForKey(key);
  // A JWK may pin its own algorithm within the key's family (RS384 on an RSA key).
  const alg = jwk.alg ?? keyAlg;
  if (
    alg.slice(0, 2) !== keyAlg.slice(0, 2) ||
    !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg)
  )
    throw new PublicKeyError(`JWK alg ${alg} does not fit its ${key.asymmetricKeyType} key`);
  return { key, alg, ...(jwk.kid ? { kid: jwk.kid } : {}) };
}

/**
 * The keys a `TOKEN_PUBLIC_KEY` value holds: one or more PEM blocks (SPKI `PUBLIC
 * KEY`, PKCS#1 `RSA PUBLIC KEY`, or an X.509 `CERTIFICATE`), base64 of that, or a
 * JWK / JWK Set as JSON. Several keys let an issuer rotate without downtime.
 */
export function parsePublicKeys(value: string): VerificationKey[] {
  let text = value.trim();
  if (!text.includes('-----BEGIN') && !text.startsWith('{')) {
    text = Buffer.from(text, 'base64').toString('utf8').trim();
  }
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new PublicKeyError('JSON key is not valid JSON');
    }
    const set = parsed as { keys?: unknown };
    const jwks = Array.isArray(set.keys) ? set.keys : [parsed];
    if (jwks.length === 0) throw new PublicKeyError('the JWK Set holds no key');
    return jwks.map((jwk) => fromJwk(jwk as JsonWebKey));
  }
  const blocks = text.match(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g);
  if (!blocks) throw new PublicKeyError('no PEM block found');
  return blocks.map((pem) => {
    if (/PRIVATE KEY/.test(pem.slice(0, 40)))
      throw new PublicKeyError('a private key was given where a public key belongs');
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch (error) {
      throw new PublicKeyError(`PEM is not a public key: ${(error as Error).message}`);
    }
    return { key, alg: algorithmForKey(key) };
  });
}
