import {
  generateAssertionKeyPair,
  loadPrivateKey,
  loadPublicKey,
  signAssertion,
  verifyAssertion,
} from './identity-assertion';
import type { Requester } from './requester';

const requester: Requester = {
  subject: 'client-1',
  organization: 'riverside',
  orgAddress: '0x0000000000000000000000000000000000000001',
  purpose: 'TREAT',
  scopes: ['user/*.rs'],
};

describe('identity assertion', () => {
  const keys = generateAssertionKeyPair();
  const privateKey = loadPrivateKey(keys.privateKeyPem);
  const publicKey = loadPublicKey(keys.publicKeyPem);

  it('round-trips the requester', () => {
    const token = signAssertion(requester, 'req-1', privateKey);
    const claims = verifyAssertion(token, publicKey);
    expect(claims.req).toEqual(requester);
    expect(claims.rid).toBe('req-1');
  });

  it('refuses a missing, tampered or foreign-signed assertion', () => {
    expect(() => verifyAssertion(undefined, publicKey)).toThrow('Missing gateway assertion');
    const token = signAssertion(requester, 'req-1', privateKey);
    const [h, p, s] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(p!, 'base64url').toString()),
        req: { ...requester, purpose: 'ETREAT' },
      }),
    ).toString('base64url');
    expect(() => verifyAssertion(`${h}.${forgedPayload}.${s}`, publicKey)).toThrow(
      'Invalid assertion signature',
    );
    const other = loadPrivateKey(generateAssertionKeyPair().privateKeyPem);
    expect(() => verifyAssertion(signAssertion(requester, 'r', other), publicKey)).toThrow(
      'Invalid assertion signature',
    );
  });

  it('refuses alg:none and other headers', () => {
    const token = signAssertion(requester, 'req-1', privateKey);
    const [, p] = token.split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(() => verifyAssertion(`${none}.${p}.`, publicKey)).toThrow(
      'Unexpected assertion header',
    );
  });

  it('carries audit custody only when the gateway claims it, and refuses one it does not know', () => {
    expect(verifyAssertion(signAssertion(requester, 'r', privateKey), publicKey).audit).toBe(
      undefined,
    );
    const custody = signAssertion(requester, 'r', privateKey, { audit: 'gateway' });
    expect(verifyAssertion(custody, publicKey).audit).toBe('gateway');
    // A (validly signed) custody this subgraph does not implement would leave decisions unaudited.
    const unknown = signAssertion(requester, 'r', privateKey, {
      audit: 'elsewhere' as unknown as 'gateway',
    });
    expect(() => verifyAssertion(unknown, publicKey)).toThrow('Unknown audit custody');
  });

  it('refuses an expired assertion', () => {
    const token = signAssertion(requester, 'r', privateKey, { now: Date.now() - 120_000 });
    expect(() => verifyAssertion(token, publicKey)).toThrow('Assertion expired');
  });
});
