import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { devOrganizationWallet } from '../contracts/dev-accounts';
import { DEV_TOKEN_ISSUER, mintDevToken, TOKEN_AUDIENCE } from '../gateway/auth/dev-token';
import { allStackAuditDecisions, allStackAuditEntries } from './helpers/audit-stores';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * Who is calling, through the real stack: the gateway process verifies hospital
 * identity providers' tokens against their JWKS (served here by a local HTTP
 * server, as a hospital's IdP would) and the stack's own development tokens, and
 * enforces SMART scopes and purpose of use at the edge, before any subgraph is
 * asked.
 */
const ISSUER = 'https://idp.riverside.example/realms/clinical';

interface SigningKey {
  privateKey: KeyLike;
  publicKey: KeyLike;
  alg: 'RS256' | 'ES256';
  kid: string;
}

const now = () => Math.floor(Date.now() / 1000);
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('gateway authentication and edge policy', () => {
  let t: TestStack;
  let jwksServer: http.Server;
  let rsa: SigningKey;
  let ec: SigningKey;
  let patientId: string;
  let family: string;
  const riversideAddress = devOrganizationWallet('riverside-health').address;

  beforeAll(async () => {
    rsa = { ...(await generateKeyPair('RS256')), alg: 'RS256', kid: 'rsa-2026' };
    ec = { ...(await generateKeyPair('ES256')), alg: 'ES256', kid: 'ec-2026' };
    const jwks: { keys: JWK[] } = {
      keys: [
        { ...(await exportJWK(rsa.publicKey)), kid: rsa.kid, use: 'sig' },
        { ...(await exportJWK(ec.publicKey)), kid: ec.kid, use: 'sig' },
      ],
    };
    jwksServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/certs`;
    t = await startTestStack({
      size: 2,
      env: { TOKEN_ISSUER: ISSUER, TOKEN_JWKS_URL: jwksUrl },
    });
    const person = t.people[0]!;
    family = person.name.family;
    const found = await t.graphql<{ patients: { edges: { node: { id: string } }[] } }>(
      'query($name: String, $birthDate: String) { patients(name: $name, birthDate: $birthDate) { edges { node { id } } } }',
      { name: `${person.name.family} ${person.name.given.join(' ')}`, birthDate: person.birthDate },
      await t.token({ org: 'riverside-health' }),
    );
    patientId = found.data!.patients.edges[0]!.node.id;
  }, 180_000);

  afterAll(async () => {
    await t?.stop();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  /** A token as Riverside's identity provider issues it, with overrides. */
  function idpToken(
    key: SigningKey,
    claims: Record<string, unknown> = {},
    header: Record<string, unknown> = {},
  ): Promise<string> {
    return new SignJWT({
      iss: ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: 'riverside-clinician-7',
      exp: now() + 300,
      org: 'riverside-health',
      org_address: riversideAddress,
      scope: 'user/*.rs',
      purpose_of_use: 'TREAT',
      ...claims,
    })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
      .sign(key.privateKey);
  }

  async function post(token: string, query: string) {
    const response = await fetch(t.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { id: patientId } }),
    });
    return {
      status: response.status,
      challenge: response.headers.get('www-authenticate'),
      body: (await response.json()) as {
        data?: { patient: Record<string, unknown> };
        errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
      },
    };
  }

  const NAME_QUERY = 'query($id: ID!) { patient(id: $id) { id name { family } } }';

  it('refuses forged, expired, not-yet-valid, unsigned, misaddressed and malformed tokens with 401', async () => {
    const forger = { ...(await generateKeyPair('RS256')), alg: 'RS256', kid: rsa.kid } as const;
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({
      iss: ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: 'x',
      exp: now() + 300,
    })}.`;
    const hs256 = await new SignJWT({ iss: ISSUER, aud: TOKEN_AUDIENCE, sub: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a shared secret an attacker guessed!'));
    const cases: [string, string][] = [
      [await idpToken(forger), 'token signature is invalid'],
      [await idpToken(rsa, { exp: now() - 120 }), 'token expired'],
      [await idpToken(ec, { nbf: now() + 120 }), 'token is not valid yet (nbf)'],
      [unsigned, 'unsigned tokens (alg none) are refused'],
      [await idpToken(rsa, { aud: 'billing-api' }), 'token audience is not this gateway'],
      [await idpToken(ec, { iss: 'https://idp.elsewhere.example' }), 'token issuer is not trusted'],
      [hs256, 'token algorithm HS256 is not allowed'],
      [await idpToken(rsa, { sub: undefined }), 'token has no sub claim'],
      [await idpToken(rsa, { exp: undefined }), 'token has no exp claim'],
      ['eyJhbGciOi.e30.sig', 'token is malformed (header is not base64url JSON)'],
    ];
    for (const [token, reason] of cases) {
      const { status, challenge, body } = await post(token, NAME_QUERY);
      expect({ reason, status }).toEqual({ reason, status: 401 });
      expect(body.errors).toEqual([{ message: reason, extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(body.data).toBeUndefined();
      expect(challenge).toBe(`Bearer error="invalid_token", error_description="${reason}"`);
    }
  });

  it('accepts RS256 and ES256 tokens verified against the identity provider’s JWKS', async () => {
    for (const key of [rsa, ec]) {
      const { status, body } = await post(await idpToken(key), NAME_QUERY);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!.patient).toEqual({ id: patientId, name: [{ family }] });
    }
  });

  it('accepts the development ES256 token `npx patientgraph token` mints from the stack’s key', async () => {
    const token = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [
          path.join(__dirname, '..', 'bin', 'patientgraph.js'),
          'token',
          '--org',
          'riverside-health',
          '--scope',
          'user/Patient.rs',
        ],
        { env: { ...process.env, PATIENTGRAPH_HOME: t.stack.home } },
        (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
      );
    });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(header.alg).toBe('ES256');
    const { status, body } = await post(token, NAME_QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.patient).toEqual({ id: patientId, name: [{ family }] });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ iss: DEV_TOKEN_ISSUER, scope: 'user/Patient.rs' });
    // A development token signed with any other key is refused.
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const stranger = await mintDevToken(
      { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      { subject: 'dev:stranger', organization: 'riverside-health' },
    );
    expect((await post(stranger, NAME_QUERY)).body.errors?.[0]?.message).toBe(
      'token signature is invalid',
    );
  });

  it('answers FORBIDDEN, at the edge, for a field whose resource type the scopes do not read', async () => {
    const token = await idpToken(ec, {
      sub: 'observations-only-app',
      scope: 'patient/Observation.rs launch/patient openid',
    });
    const { status, body } = await post(
      token,
      'query($id: ID!) { patient(id: $id) { id conditions { id } labResults { id } observations { id } } }',
    );
    expect(status).toBe(200);
    const patient = body.data!.patient;
    expect(patient.id).toBe(patientId);
    expect(patient.conditions).toBeNull();
    expect(Array.isArray(patient.labResults)).toBe(true);
    expect((patient.observations as unknown[]).length).toBeGreaterThan(0);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      path: ['patient', 'conditions'],
      extensions: { code: 'FORBIDDEN', coordinate: 'Patient.conditions' },
    });
    expect(body.errors![0]!.message).toContain('user/Condition.rs');

    // The conditions subgraph was never asked: no consent decision was taken for it.
    const fields = (await allStackAuditDecisions(t.stack.home))
      .filter((decision) => decision.entry.subject === 'observations-only-app')
      .map((decision) => decision.field);
    expect(fields).toContain('Patient.observations');
    expect(fields).not.toContain('Patient.conditions');
  });

  it('removes every sensitive field at the edge for a token with an unknown or no purpose of use', async () => {
    const query =
      'query($id: ID!) { patient(id: $id) { id name { family } labResults { id } heartRate(from: "2026-11-18T00:00:00Z", to: "2026-11-20T00:00:00Z") { unit } } }';
    for (const purpose of ['MARKETING', undefined]) {
      const subject = `purpose-${purpose ?? 'absent'}`;
      const token = await idpToken(rsa, { sub: subject, purpose_of_use: purpose });
      const { status, body } = await post(token, query);
      expect(status).toBe(200);
      expect(body.data!.patient).toEqual({
        id: patientId,
        name: null,
        labResults: null,
        heartRate: null,
      });
      expect(body.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['patient', 'name'], 'CONSENT_REQUIRED'],
        [['patient', 'labResults'], 'CONSENT_REQUIRED'],
        [['patient', 'heartRate'], 'CONSENT_REQUIRED'],
      ]);
      expect(JSON.stringify(body)).not.toContain(family);
      const entries = await allStackAuditEntries(t.stack.home);
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.filter((entry) => entry.subject === subject)).toEqual([]);
    }
  });
});
