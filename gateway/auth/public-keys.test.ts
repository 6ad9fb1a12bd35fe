import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { algorithmForKey, parsePublicKeys } from './public-keys';

const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

describe('algorithmForKey', () => {
  it('pins each key type to one algorithm', () => {
    expect(algorithmForKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toBe(
      'ES256',
    );
    expect(algorithmForKey(generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey)).toBe(
      'ES384',
    );
    expect(algorithmForKey(generateKeyPairSync('ed25519').publicKey)).toBe('EdDSA');
    expect(algorithmForKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey)).toBe(
      'RS256',
    );
  });

  it('refuses short RSA keys and unsupported curves', () => {
    expect(() =>
      algorithmForKey(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey),
    ).toThrow('at least 2048 bits');
    expect(() =>
      algorithmForKey(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey),
    ).toThrow('not supported');
  });
});

describe('parsePublicKeys', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('reads PEM, base64 PEM, several PEM blocks, a JWK and a JWK Set', () => {
    const pem = spki(ec.publicKey);
    expect(parsePublicKeys(pem).map((k) => k.alg)).toEqual(['ES256']);
    expect(parsePublicKeys(Buffer.from(pem).toString('base64'))).toHaveLength(1);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const pkcs1 = rsa.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(parsePublicKeys(`${pem}\n${pkcs1}`).map((k) => k.alg)).toEqual(['ES256', 'RS256']);
    const jwk = { ...rsa.export({ format: 'jwk' }), kid: 'k1', alg: 'RS384' };
    expect(parsePublicKeys(JSON.stringify(jwk))).toEqual([
      expect.objectContaining({ alg: 'RS384', kid: 'k1' }),
    ]);
    expect(
      parsePublicKeys(JSON.stringify({ keys: [jwk, ec.publicKey.export({ format: 'jwk' })] })),
    ).toHaveLength(2);
  });

  it('refuses private keys, symmetric keys, mismatched algorithms and garbage', () => {
    const privatePem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parsePublicKeys(privatePem)).toThrow('private key');
    expect(() => parsePublicKeys(JSON.stringify(ec.privateKey.export({ format: 'jwk' })))).toThrow(
      'private or symmetric',
    );
    expect(() => parsePublicKeys(JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }))).toThrow(
      'private or symmetric',
    );
    const jwk = { ...ec.publicKey.export({ format: 'jwk' }), alg: 'RS256' };
    expect(() => parsePublicKeys(JSON.stringify(jwk))).toThrow('does not fit');
    expect(() => parsePublicKeys('hello')).toThrow('no PEM block');
    expect(() => parsePublicKeys('{"keys": []}')).toThrow('holds no key');
  });
});
