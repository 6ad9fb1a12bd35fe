import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, EnvReader } from '../../subgraphs/shared/config/env-reader';
import { makeTempDir } from '../../test/helpers/temp-dir';
import { verifyToken } from './authenticate';
import { DEV_TOKEN_ISSUER, mintDevToken } from './dev-token';
import { readTokenVerification } from './token-config';

function problemsOf(env: Record<string, string>): string[] {
  const reader = new EnvReader('gateway', env);
  readTokenVerification(reader, env, env.NODE_ENV === 'production');
  try {
    reader.done({});
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

const rsaPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();

describe('token configuration in production', () => {
  const production = { NODE_ENV: 'production' };

  it('refuses to start without a JWKS URL or a public key, issuer and audience', () => {
    expect(problemsOf(production)).toEqual([
      'TOKEN_JWKS_URL or TOKEN_PUBLIC_KEY is required in production',
    ]);
    expect(problemsOf({ ...production, TOKEN_JWKS_URL: 'https://idp.example/jwks' })).toEqual([
      'TOKEN_ISSUER is required with TOKEN_JWKS_URL or TOKEN_PUBLIC_KEY',
      'TOKEN_AUDIENCE is required',
    ]);
  });

  it('refuses HS256 in every form', () => {
    const base = {
      ...production,
      TOKEN_ISSUER: 'https://idp.example',
      TOKEN_AUDIENCE: 'api',
      TOKEN_JWKS_URL: 'https://idp.example/jwks',
    };
    expect(problemsOf({ ...base, TOKEN_HS256_SECRET: 'x'.repeat(40) })).toEqual([
      'TOKEN_HS256_SECRET (HS256 tokens) is refused in production',
    ]);
    expect(problemsOf({ ...base, TOKEN_ALGORITHMS: 'RS256,HS256' })).toEqual([
      'TOKEN_ALGORITHMS: HS256 is only accepted in development, via TOKEN_HS256_SECRET',
    ]);
    expect(problemsOf({ ...base, TOKEN_ALGORITHMS: 'none' })).toHaveLength(2);
  });

  it('wants https key sets (loopback excepted) and real public keys', () => {
    const base = { ...production, TOKEN_ISSUER: 'https://idp.example', TOKEN_AUDIENCE: 'api' };
    expect(problemsOf({ ...base, TOKEN_JWKS_URL: 'http://idp.example/jwks' })).toEqual([
      'TOKEN_JWKS_URL must use https in production',
    ]);
    expect(problemsOf({ ...base, TOKEN_JWKS_URL: 'http://127.0.0.1:8080/jwks' })).toEqual([]);
    expect(problemsOf({ ...base, TOKEN_PUBLIC_KEY: 'not a key' })[0]).toMatch(/^TOKEN_PUBLIC_KEY:/);
    const privatePem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(problemsOf({ ...base, TOKEN_PUBLIC_KEY: privatePem })).toEqual([
      'TOKEN_PUBLIC_KEY: a private key was given where a public key belongs',
    ]);
    expect(problemsOf({ ...base, TOKEN_PUBLIC_KEY: rsaPem(), TOKEN_ALGORITHMS: 'ES256' })).toEqual([
      'TOKEN_PUBLIC_KEY holds a RS256 key, which TOKEN_ALGORITHMS does not allow',
    ]);
  });

  it('trusts only the configured issuer, with the algorithms of its key', () => {
    const env = {
      ...production,
      TOKEN_ISSUER: 'https://idp.example',
      TOKEN_AUDIENCE: 'api',
      TOKEN_PUBLIC_KEY: rsaPem(),
    };
    const verification = readTokenVerification(new EnvReader('gateway', env), env, true);
    expect(verification.issuers.map((i) => [i.issuer, i.algorithms])).toEqual([
      ['https://idp.example', ['RS256']],
    ]);
  });
});

describe('token configuration in development', () => {
  it('trusts the development issuer with its ES256 key and HS256 secret, from the dev secrets', async () => {
    const temp = makeTempDir('token-config');
    try {
      const env = { PATIENTGRAPH_HOME: temp.dir };
      const verification = readTokenVerification(new EnvReader('gateway', env), env, false);
      expect(verification.issuers.map((i) => i.issuer)).toEqual([DEV_TOKEN_ISSUER]);
      const secrets = JSON.parse(fs.readFileSync(path.join(temp.dir, 'dev-secrets.json'), 'utf8'));
      const es256 = await mintDevToken(
        { privateKeyPem: secrets.tokenEs256PrivateKeyPem },
        { subject: 'dev:x', scopes: ['user/Observation.rs'] },
      );
      const hs256 = await mintDevToken(secrets.tokenSigningSecret, { subject: 'dev:y' });
      await expect(verifyToken(es256, verification)).resolves.toMatchObject({
        subject: 'dev:x',
        scopes: ['user/Observation.rs'],
        purpose: 'TREAT',
      });
      await expect(verifyToken(hs256, verification)).resolves.toMatchObject({ subject: 'dev:y' });
      await expect(
        verifyToken(await mintDevToken('y'.repeat(43), { subject: 'z' }), verification),
      ).rejects.toThrow('token signature is invalid');
    } finally {
      temp.cleanup();
    }
  });

  it('keeps a development issuer next to a configured one, and checks TOKEN_* together', () => {
    const temp = makeTempDir('token-config');
    try {
      const env = {
        PATIENTGRAPH_HOME: temp.dir,
        TOKEN_ISSUER: 'https://idp.example',
        TOKEN_JWKS_URL: 'http://idp.example/jwks',
      };
      const verification = readTokenVerification(new EnvReader('gateway', env), env, false);
      expect(verification.issuers.map((i) => i.issuer)).toEqual([
        'https://idp.example',
        DEV_TOKEN_ISSUER,
      ]);
      expect(
        problemsOf({ PATIENTGRAPH_HOME: temp.dir, TOKEN_ISSUER: 'https://idp.example' }),
      ).toEqual([
        'TOKEN_ISSUER is set but neither TOKEN_JWKS_URL nor TOKEN_PUBLIC_KEY gives its keys',
      ]);
      expect(problemsOf({ PATIENTGRAPH_HOME: temp.dir, TOKEN_HS256_SECRET: 'short' })).toEqual([
        'TOKEN_HS256_SECRET must be at least 32 characters (RFC 7518: 256 bits)',
      ]);
    } finally {
      temp.cleanup();
    }
  });
});
