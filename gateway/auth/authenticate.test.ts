import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { HttpError } from '../../subgraphs/shared/http/http-errors';
import { EnvReader } from '../../subgraphs/shared/config/env-reader';
import { ANONYMOUS } from '../../subgraphs/shared/requester';
import {
  authenticate,
  AuthenticationError,
  verifyToken,
  type TokenVerification,
} from './authenticate';
import { readTokenVerification } from './token-config';

const ISSUER = 'https://idp.riverside.example/realms/clinical';
const AUDIENCE = 'https://graph.riverside.example';
const ORG_ADDRESS = '0x00000000000000000000000000000000000000aa';

interface Key {
  privateKey: KeyLike;
  publicKey: KeyLike;
  kid: string;
  alg: string;
}

async function key(alg: 'RS256' | 'ES256', kid: string): Promise<Key> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { ...pair, kid, alg };
}

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const now = () => Math.floor(Date.now() / 1000);

/** A token as a hospital's identity provider would issue it, with overrides. */
function sign(
  signer: Key,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'clinician-17',
    exp: now() + 300,
    iat: now(),
    org: 'riverside-health',
    org_address: ORG_ADDRESS,
    scope: 'user/*.rs openid',
    purpose_of_use: 'TREAT',
    ...claims,
  })
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'at+jwt', ...header })
    .sign(signer.privateKey);
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthenticationError) return error.message;
    throw error;
  }
  throw new Error('token was accepted');
}

function productionVerification(env: Record<string, string>): TokenVerification {
  const reader = new EnvReader('gateway', {
    NODE_ENV: 'production',
    TOKEN_ISSUER: ISSUER,
    TOKEN_AUDIENCE: AUDIENCE,
    ...env,
  });
  const verification = readTokenVerification(reader, { NODE_ENV: 'production', ...env }, true);
  reader.done({});
  return verification;
}

describe('bearer tokens verified against a JWKS URL (production configuration)', () => {
  let rsa: Key;
  let ec: Key;
  let server: http.Server;
  let jwks: { keys: JWK[] };
  let fetches = 0;
  let verification: TokenVerification;

  beforeAll(async () => {
    rsa = await key('RS256', 'rsa-1');
    ec = await key('ES256', 'ec-1');
    jwks = {
      keys: [
        { ...(await exportJWK(rsa.publicKey)), kid: rsa.kid, use: 'sig' },
        { ...(await exportJWK(ec.publicKey)), kid: ec.kid, alg: 'ES256' },
      ],
    };
    server = http.createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    verification = productionVerification({
      TOKEN_JWKS_URL: `http://127.0.0.1:${port}/realms/clinical/certs`,
    });
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('accepts RS256 and ES256 tokens signed by published keys, fetching the key set once', async () => {
    const fromRsa = await verifyToken(await sign(rsa), verification);
    expect(fromRsa).toEqual({
      subject: 'clinician-17',
      organization: 'riverside-health',
      orgAddress: ORG_ADDRESS,
      purpose: 'TREAT',
      scopes: ['user/*.rs', 'openid'],
    });
    const fromEc = await verifyToken(
      await sign(ec, { purpose_of_use: 'ETREAT', break_glass_reason: 'unconscious' }),
      verification,
    );
    expect(fromEc).toMatchObject({ purpose: 'ETREAT', breakGlassReason: 'unconscious' });
    expect(fetches).toBe(1);
  });

  it('refuses a forged token (signed by another key under a published kid)', async () => {
    const forger = await key('RS256', rsa.kid);
    expect(await reason(verifyToken(await sign(forger), verification))).toBe(
      'token signature is invalid',
    );
  });

  it('refuses a token naming a key the issuer never published', async () => {
    const stranger = await key('ES256', 'ec-unknown');
    expect(await reason(verifyToken(await sign(stranger), verification))).toBe(
      'token was signed by an unknown key',
    );
  });

  it('refuses expired and not-yet-valid tokens beyond the clock tolerance', async () => {
    expect(await reason(verifyToken(await sign(rsa, { exp: now() - 60 }), verification))).toBe(
      'token expired',
    );
    expect(await reason(verifyToken(await sign(rsa, { nbf: now() + 60 }), verification))).toBe(
      'token is not valid yet (nbf)',
    );
    // Within the tolerance (5 s) both are fine: clocks of two hosts differ a little.
    await expect(
      verifyToken(await sign(rsa, { exp: now() - 2 }), verification),
    ).resolves.toBeTruthy();
    await expect(
      verifyToken(await sign(rsa, { nbf: now() + 2 }), verification),
    ).resolves.toBeTruthy();
  });

  it('refuses unsigned tokens (alg none)', async () => {
    const header = b64url({ alg: 'none', typ: 'JWT' });
    const payload = b64url({ iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: now() + 60 });
    for (const token of [`${header}.${payload}.`, `${header}.${payload}`]) {
      expect(await reason(verifyToken(token, verification))).toMatch(/alg none|malformed/);
    }
    expect(await reason(verifyToken(`${header}.${payload}.`, verification))).toBe(
      'unsigned tokens (alg none) are refused',
    );
  });

  it('refuses wrong audience and wrong issuer', async () => {
    expect(await reason(verifyToken(await sign(rsa, { aud: 'another-api' }), verification))).toBe(
      'token audience is not this gateway',
    );
    expect(
      await reason(verifyToken(await sign(rsa, { iss: 'https://evil.example' }), verification)),
    ).toBe('token issuer is not trusted');
  });

  it('refuses HS256 tokens in production, even one keyed with the public key (algorithm confusion)', async () => {
    const pem = await exportSPKI(rsa.publicKey);
    const token = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: now() + 60 })
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
      .sign(new TextEncoder().encode(pem));
    expect(await reason(verifyToken(token, verification))).toBe(
      'token algorithm HS256 is not allowed',
    );
  });

  it('refuses tokens without sub or exp, and with malformed claims', async () => {
    expect(await reason(verifyToken(await sign(rsa, { sub: undefined }), verification))).toBe(
      'token has no sub claim',
    );
    expect(await reason(verifyToken(await sign(rsa, { exp: undefined }), verification))).toBe(
      'token has no exp claim',
    );
    expect(
      await reason(verifyToken(await sign(rsa, { org_address: 'riverside' }), verification)),
    ).toBe('org_address is not an EVM address');
    expect(await reason(verifyToken(await sign(rsa, { scope: 42 }), verification))).toMatch(
      /scope/,
    );
  });

  it('refuses malformed tokens and headers with a reason', async () => {
    expect(await reason(verifyToken('not-a-token', verification))).toMatch(/malformed/);
    expect(await reason(verifyToken('eyJhbGciOiJSUzI1NiJ9.e30', verification))).toMatch(
      /malformed/,
    );
    expect(await reason(verifyToken(`${b64url({ alg: 'RS256' })}.%%%.abc`, verification))).toMatch(
      /malformed/,
    );
    expect(await reason(verifyToken(await sign(rsa, {}, { typ: 'dpop+jwt' }), verification))).toBe(
      'token type dpop+jwt is not an access token',
    );
    expect(await reason(authenticate({ authorization: 'Basic dXNlcjpwdw==' }, verification))).toBe(
      'Authorization header must be Bearer <token>',
    );
    // Values from an unverified header are not echoed unless plain (they end up in a header).
    expect(await reason(verifyToken(await sign(rsa, {}, { typ: 'a"b\r\nc' }), verification))).toBe(
      'token type (unprintable) is not an access token',
    );
  });

  it('treats no Authorization header as the anonymous requester', async () => {
    await expect(authenticate({}, verification)).resolves.toBe(ANONYMOUS);
    await expect(
      authenticate({ authorization: `Bearer ${await sign(ec)}` }, verification),
    ).resolves.toMatchObject({ subject: 'clinician-17' });
  });

  it('answers 503, not 401, when the key set cannot be fetched', async () => {
    const down = http.createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    const unreachable = productionVerification({ TOKEN_JWKS_URL: `http://127.0.0.1:${port}/jwks` });
    try {
      const error = await verifyToken(await sign(rsa), unreachable).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    } finally {
      await new Promise((resolve) => down.close(resolve));
    }
  });
});

describe('bearer tokens verified with a configured public key', () => {
  it('accepts tokens of the key (base64 PEM, algorithm from the key type) and nothing else', async () => {
    const ec = await key('ES256', 'ignored');
    const rsa = await key('RS256', 'ignored');
    const pem = await exportSPKI(ec.publicKey);
    const verification = productionVerification({
      TOKEN_PUBLIC_KEY: Buffer.from(pem).toString('base64'),
    });
    expect(verification.issuers[0]!.algorithms).toEqual(['ES256']);
    await expect(verifyToken(await sign(ec), verification)).resolves.toMatchObject({
      subject: 'clinician-17',
    });
    expect(await reason(verifyToken(await sign(rsa), verification))).toBe(
      'token algorithm RS256 is not allowed',
    );
    const otherEc = await key('ES256', 'x');
    expect(await reason(verifyToken(await sign(otherEc), verification))).toBe(
      'token signature is invalid',
    );
  });

  it('tries every configured key of the algorithm (rotation without kid)', async () => {
    const old = await key('RS256', 'a');
    const next = await key('RS256', 'b');
    const verification = productionVerification({
      TOKEN_PUBLIC_KEY: `${await exportSPKI(old.publicKey)}\n${await exportSPKI(next.publicKey)}`,
    });
    await expect(
      verifyToken(await sign(old, {}, { kid: undefined }), verification),
    ).resolves.toBeTruthy();
    await expect(
      verifyToken(await sign(next, {}, { kid: undefined }), verification),
    ).resolves.toBeTruthy();
  });
});
