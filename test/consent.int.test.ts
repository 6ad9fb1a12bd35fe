import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { keccak256, sha256, toUtf8Bytes } from 'ethers';
import { ConsentCategory, PurposeOfUse } from '../contracts/consent-codes';
import { ConsentRegistry } from '../contracts/consent-registry';
import {
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from '../contracts/dev-accounts';
import { increaseTime, rpc } from '../contracts/local-chain';
import type { Person } from '../generator/population';
import { allStackAuditDecisions, openStackAuditStore } from './helpers/audit-stores';
import { decisionsOfEntry } from '../subgraphs/shared/audit/audit-decisions';
import { verifyAuditChains } from '../subgraphs/shared/audit/audit-verify';
import { startTestStack, type TestStack } from './helpers/test-stack';
import { TEST_REQUESTER } from './helpers/gateway-signer';
import { loadOrCreateDevSecrets } from '../subgraphs/shared/config/dev-secrets';
import {
  ASSERTION_HEADER,
  loadPrivateKey,
  signAssertion,
} from '../subgraphs/shared/identity-assertion';

/**
 * On-chain consent enforced through the whole stack: real anvil and registry, the
 * four subgraph processes, the gateway process, patients' signed grants submitted
 * by the relayer. The tests run in order on one stack: the last one stops the chain.
 */
const execFileAsync = promisify(execFile);

describe('consent through the whole stack', () => {
  let t: TestStack;
  let registry: ConsentRegistry;
  let destroyProvider: () => void;
  const ids = new Map<string, string>();
  let riverside: string;
  let northside: string;

  beforeAll(async () => {
    t = await startTestStack({ size: 6, env: { CONSENT_STALE_AFTER_MS: '1500' } });
    const connected = ConsentRegistry.connect({
      rpcUrl: t.stack.chain.rpcUrl,
      address: t.stack.chain.registryAddress,
      privateKey: devRelayerWallet().privateKey,
    });
    registry = connected.registry;
    destroyProvider = () => connected.provider.destroy();
    riverside = await t.token({ org: 'riverside-health' });
    northside = await t.token({ org: 'northside-clinic' });
    for (const person of t.people) {
      const found = await t.graphql<{ patients: { edges: { node: { id: string } }[] } }>(
        'query($name: String, $birthDate: String) { patients(name: $name, birthDate: $birthDate) { edges { node { id } } } }',
        {
          name: `${person.name.family} ${person.name.given.join(' ')}`,
          birthDate: person.birthDate,
        },
        riverside,
      );
      ids.set(person.key, found.data!.patients.edges[0]!.node.id);
    }
  }, 180_000);

  afterAll(async () => {
    destroyProvider?.();
    await t?.stop();
  });

  const person = (index: number): Person => t.people[index]!;
  const idOf = (p: Person) => ids.get(p.key)!;
  const wallet = (p: Person) => devPatientWallet(p.walletIndex);

  async function grant(p: Person, org: string, category: ConsentCategory, expiresAt?: number) {
    const grantee = devOrganizationWallet(org).address;
    const signed = await registry.signGrant(wallet(p), {
      grantee,
      category,
      purpose: PurposeOfUse.TREAT,
      expiresAt,
    });
    return registry.submitSignedGrant(signed);
  }

  async function revoke(p: Person, org: string, category: ConsentCategory) {
    const grantee = devOrganizationWallet(org).address;
    const signed = await registry.signRevocation(wallet(p), {
      grantee,
      category,
      purpose: PurposeOfUse.TREAT,
    });
    return registry.submitSignedRevocation(signed);
  }

  const LABS_QUERY = 'query($id: ID!) { patient(id: $id) { id labResults { id } } }';
  type LabsResult = { patient: { id: string; labResults: { id: string }[] | null } };

  async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('gives an organisation without consent the non-sensitive data and CONSENT_REQUIRED for the rest', async () => {
    const p = person(0);
    const result = await t.graphql<{
      patient: { id: string; name: unknown; labResults: unknown; glucose: unknown };
    }>(
      `query($id: ID!) { patient(id: $id) { id name { family } labResults { id }
         glucose(from: "2026-11-18T00:00:00Z", to: "2026-11-20T00:00:00Z", bucket: "1d") { unit } } }`,
      { id: idOf(p) },
      northside,
    );
    expect(result.data?.patient).toEqual({
      id: idOf(p),
      name: null,
      labResults: null,
      glucose: null,
    });
    const byCategory = new Map(result.errors!.map((e) => [e.extensions!.category, e.extensions]));
    for (const category of ['DEMOGRAPHICS', 'LABS', 'WEARABLES']) {
      expect(byCategory.get(category)).toMatchObject({
        code: 'CONSENT_REQUIRED',
        purpose: 'TREAT',
        patientId: idOf(p),
      });
    }
    // Nothing denied is sent, not even inside error messages.
    const text = JSON.stringify(result);
    expect(text).not.toContain(p.name.family);
    expect(text).not.toContain(p.birthDate);

    // Without a token nothing protected is returned, and no subgraph is asked for it.
    const anonymous = await t.graphql<{ patient: { id: string; name: unknown } }>(
      'query($id: ID!) { patient(id: $id) { id name { family } labResults { id } } }',
      { id: idOf(p) },
    );
    expect(anonymous.data?.patient).toEqual({ id: idOf(p), name: null, labResults: null });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);
    // An anonymous search finds nobody, and costs no scan of the patients.
    const search = await t.graphql<{ patients: { edges: unknown[] } }>(
      '{ patients(first: 5) { edges { node { id } } } }',
    );
    expect(search.data?.patients.edges).toEqual([]);
    // A search by an organisation no patient consented to lists nobody, and audits nobody:
    // leaving a patient out of a list is not an access.
    const denied = await t.graphql<{ patients: { edges: unknown[] } }>(
      '{ patients(first: 5) { edges { node { id } } } }',
      {},
      northside,
    );
    expect(denied.data?.patients.edges).toEqual([]);
    const decisions = await allStackAuditDecisions(t.stack.home);
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.filter((d) => d.entry.subject === 'anonymous')).toEqual([]);
    expect(
      decisions.filter(
        (d) => d.entry.organization === 'northside-clinic' && d.field === 'Query.patients',
      ),
    ).toEqual([]);
  });

  it('returns the data after a grant, and withholds it again within 2 s of a revocation', async () => {
    const p = person(0);
    await grant(p, 'northside-clinic', ConsentCategory.Labs);
    const granted = await until(async () => {
      const r = await t.graphql<LabsResult>(LABS_QUERY, { id: idOf(p) }, northside);
      return r.data?.patient.labResults ? r : undefined;
    }, 5_000);
    expect(granted.errors).toBeUndefined();
    const hl7Labs = p.encounters.filter((e) => e.source === 'ehr-hl7v2').flatMap((e) => e.labs);
    expect(granted.data!.patient.labResults!.length).toBe(hl7Labs.length);

    const tx = await revoke(p, 'northside-clinic', ConsentCategory.Labs);
    const minedAt = Date.now();
    expect(tx.blockNumber).toBeGreaterThan(0);
    const denied = await until(async () => {
      const r = await t.graphql<LabsResult>(LABS_QUERY, { id: idOf(p) }, northside);
      return r.data?.patient.labResults === null ? r : undefined;
    }, 5_000);
    expect(Date.now() - minedAt).toBeLessThan(2_000);
    expect(denied.errors?.[0]?.extensions).toMatchObject({
      code: 'CONSENT_REQUIRED',
      category: 'LABS',
    });
  });

  it('refuses an expired grant', async () => {
    const p = person(1);
    const now = await registry.chainTime();
    await grant(p, 'northside-clinic', ConsentCategory.Vitals, now + 60);
    const query =
      'query($id: ID!) { patient(id: $id) { observations(category: "vital-signs") { id } } }';
    type Result = { patient: { observations: { id: string }[] | null } };
    const before = await until(async () => {
      const r = await t.graphql<Result>(query, { id: idOf(p) }, northside);
      return r.data?.patient.observations ? r : undefined;
    }, 5_000);
    expect(before.data!.patient.observations!.length).toBeGreaterThan(0);
    await increaseTime(t.stack.chain.rpcUrl, 120);
    const after = await until(async () => {
      const r = await t.graphql<Result>(query, { id: idOf(p) }, northside);
      return r.data?.patient.observations === null ? r : undefined;
    }, 5_000);
    expect(after.errors?.[0]?.extensions?.code).toBe('CONSENT_REQUIRED');
  });

  it('keeps a mental-health condition hidden under a conditions-only grant', async () => {
    const p = t.people.find((x) => x.conditions.some((c) => c.key === 'depression'))!;
    expect(p).toBeDefined();
    const query =
      'query($id: ID!) { patient(id: $id) { conditions { id code { coding { system code } } } } }';
    type Result = {
      patient: { conditions: { id: string; code: { coding: { code: string }[] } }[] };
    };
    const ordinary = await t.graphql<Result>(query, { id: idOf(p) }, riverside);
    expect(ordinary.errors).toBeUndefined();
    const shown = new Set(ordinary.data!.patient.conditions.map((c) => c.id));
    const depression = p.conditions.find((c) => c.key === 'depression')!;
    expect(shown.has(depression.id)).toBe(false);
    for (const c of p.conditions.filter((c) =>
      ['diabetes', 'hypertension', 'asthma'].includes(c.key),
    )) {
      expect(shown.has(c.id)).toBe(true);
    }
    // No trace of the withheld record: not in the data, not in errors.
    expect(JSON.stringify(ordinary)).not.toMatch(/F32|370143000/);

    await grant(p, 'riverside-health', ConsentCategory.MentalHealth);
    const withPsy = await until(async () => {
      const r = await t.graphql<Result>(query, { id: idOf(p) }, riverside);
      return r.data?.patient.conditions.some((c) => c.id === depression.id) ? r : undefined;
    }, 5_000);
    // Substance use (42 CFR Part 2) is its own category: still withheld.
    const opioid = p.conditions.find((c) => c.key === 'opioid-use');
    if (opioid)
      expect(withPsy.data!.patient.conditions.some((c) => c.id === opioid.id)).toBe(false);
  });

  it("lets break-glass through and records it in the patient's access log", async () => {
    const p = person(2);
    const emergency = await t.token({
      org: 'northside-clinic',
      purpose: 'ETREAT',
      breakGlassReason: 'unresponsive patient in the emergency department',
    });
    const result = await t.graphql<LabsResult>(LABS_QUERY, { id: idOf(p) }, emergency);
    expect(result.errors).toBeUndefined();
    expect(result.data!.patient.labResults!.length).toBeGreaterThan(0);

    const self = await t.token({
      subject: `patient:${wallet(p).address}`,
      patientAddress: wallet(p).address,
      scopes: ['patient/*.rs'],
    });
    const log = await t.graphql<{
      me: {
        accessLog: {
          organization: string;
          decision: string;
          category: string;
          reason: string | null;
          source: string;
        }[];
      };
    }>('{ me { accessLog { organization decision category reason source } } }', {}, self);
    expect(log.errors).toBeUndefined();
    expect(log.data!.me.accessLog).toEqual(
      expect.arrayContaining([
        {
          organization: 'northside-clinic',
          decision: 'BREAK_GLASS',
          category: 'LABS',
          reason: 'unresponsive patient in the emergency department',
          // Committed by the gateway, in the name of the subgraph whose data it was.
          source: 'ehr-hl7v2',
        },
      ]),
    );
  });

  it('lets a patient manage consents through the graph: signing request, signed grant, listing, revocation', async () => {
    const p = person(3);
    const self = await t.token({
      subject: `patient:${wallet(p).address}`,
      patientAddress: wallet(p).address,
      scopes: ['patient/*.rs'],
    });
    const grantee = devOrganizationWallet('northside-clinic').address;
    type Typed = {
      domain: Record<string, unknown>;
      types: Record<string, { name: string; type: string }[]>;
      message: Record<string, string>;
    };
    const sign = async (action: 'GRANT' | 'REVOKE') => {
      const request = await t.graphql<{ consentSigningRequest: { typedData: string } }>(
        'query($input: ConsentTermsInput!) { consentSigningRequest(input: $input) { typedData } }',
        { input: { action, patientId: idOf(p), grantee, category: 'ALLERGIES', purpose: 'TREAT' } },
        self,
      );
      expect(request.errors).toBeUndefined();
      const typed = JSON.parse(request.data!.consentSigningRequest.typedData) as Typed;
      const types = Object.fromEntries(
        Object.entries(typed.types).filter(([name]) => name !== 'EIP712Domain'),
      );
      return {
        ...typed.message,
        signature: await wallet(p).signTypedData(typed.domain, types, typed.message),
      };
    };
    const signedGrant = await sign('GRANT');
    const submitGrant =
      'mutation($input: SignedConsentInput!) { submitConsentGrant(input: $input) { transactionHash blockNumber } }';
    const granted = await t.graphql<{ submitConsentGrant: { transactionHash: string } }>(
      submitGrant,
      { input: signedGrant },
      self,
    );
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.submitConsentGrant.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
    const listed = await t.graphql<{
      me: { consents: { grantee: string; category: string; purpose: string; active: boolean }[] };
    }>('{ me { consents { grantee category purpose active } } }', {}, self);
    expect(listed.data!.me.consents).toEqual(
      expect.arrayContaining([
        { grantee: grantee.toLowerCase(), category: 'ALLERGIES', purpose: 'TREAT', active: true },
      ]),
    );
    // A replayed signature is refused by the registry, with its reason.
    const replay = await t.graphql(submitGrant, { input: signedGrant }, self);
    expect(replay.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      registryError: 'InvalidNonce',
    });
    // Somebody else's consents stay private.
    const nosy = await t.graphql(
      'query($id: ID!) { patient(id: $id) { consents { grantee } } }',
      { id: idOf(p) },
      northside,
    );
    expect(nosy.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const revoked = await t.graphql(
      'mutation($input: SignedConsentInput!) { submitConsentRevocation(input: $input) { transactionHash } }',
      { input: await sign('REVOKE') },
      self,
    );
    expect(revoked.errors).toBeUndefined();
    const after = await t.graphql<{ me: { consents: { grantee: string; category: string }[] } }>(
      '{ me { consents { grantee category } } }',
      {},
      self,
    );
    expect(
      after.data!.me.consents.some(
        (c) => c.grantee === grantee.toLowerCase() && c.category === 'ALLERGIES',
      ),
    ).toBe(false);
  });

  it('offers the same through `patientgraph consent grant|list`', async () => {
    const p = person(5);
    const cli = (...args: string[]) =>
      execFileAsync(
        process.execPath,
        [
          path.join(__dirname, '..', 'bin', 'patientgraph.js'),
          'consent',
          ...args,
          '--patient',
          String(p.walletIndex),
          '--gateway',
          t.stack.gatewayUrl,
        ],
        {
          env: { ...process.env, PATIENTGRAPH_HOME: t.stack.home },
        },
      );
    const granted = await cli(
      'grant',
      '--org',
      'northside-clinic',
      '--category',
      'ALLERGIES,VITALS',
    );
    expect(granted.stdout).toMatch(
      /granted ALLERGIES for TREAT to northside-clinic: tx 0x[0-9a-f]{64}/,
    );
    expect(granted.stdout).toMatch(/granted VITALS for TREAT to northside-clinic/);
    const listed = await cli('list');
    const northsideAddress = devOrganizationWallet('northside-clinic').address.toLowerCase();
    expect(listed.stdout).toMatch(
      new RegExp(`^active +ALLERGIES +TREAT +${northsideAddress} until revoked$`, 'm'),
    );
  });

  it('keeps audit chains that verify against their on-chain anchors, and detects a tampered row', async () => {
    // The gateway commits the decisions of the queries it answers (audit custody)
    // to its own chain; a subgraph called without custody commits to its own.
    const secrets = loadOrCreateDevSecrets({ PATIENTGRAPH_HOME: t.stack.home });
    const direct = await fetch(`${t.stack.subgraphUrls.identity}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [ASSERTION_HEADER]: signAssertion(
          { ...TEST_REQUESTER, orgAddress: devOrganizationWallet('riverside-health').address },
          'direct-request',
          loadPrivateKey(secrets.assertionPrivateKeyPem),
        ),
      },
      body: JSON.stringify({
        query: 'query($id: ID!) { patient(id: $id) { name { family } } }',
        variables: { id: idOf(person(0)) },
      }),
    });
    expect(direct.status).toBe(200);
    const gatewayAudit = await openStackAuditStore(t.stack.home, 'gateway');
    const identityAudit = await openStackAuditStore(t.stack.home, 'identity');
    try {
      const decidedBy = new Set(
        (await gatewayAudit.auditEntry.findMany()).flatMap((e) =>
          decisionsOfEntry(e).map((d) => d.subgraph),
        ),
      );
      expect([...decidedBy].sort()).toEqual(
        expect.arrayContaining(['ehr-fhir', 'ehr-hl7v2', 'identity', 'wearables']),
      );
      expect(await identityAudit.auditEntry.findMany({ select: { requestId: true } })).toEqual([
        { requestId: 'direct-request' },
      ]);
      for (const [store, logId] of [
        [gatewayAudit, 'gateway'],
        [identityAudit, 'identity'],
      ] as const) {
        const reports = await until(async () => {
          const r = await verifyAuditChains(store, registry);
          return r.length > 0 && r.every((x) => x.ok && x.anchor?.matches) ? r : undefined;
        }, 20_000);
        expect(reports.map((r) => r.logId)).toEqual([logId]);
      }
      const verifyCli = () =>
        execFileAsync(
          process.execPath,
          [path.join(__dirname, '..', 'bin', 'patientgraph.js'), 'audit', 'verify'],
          {
            env: {
              ...process.env,
              PATIENTGRAPH_HOME: t.stack.home,
              CHAIN_RPC_URL: t.stack.chain.rpcUrl,
            },
          },
        ).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
        );
      const clean = await verifyCli();
      expect(clean.code).toBe(0);
      expect(clean.stdout).toMatch(/^OK +gateway: \d+ entries, anchored at entry \d+: matches$/m);

      // An attacker with write access to the database rewrites one decision.
      await gatewayAudit.$executeRawUnsafe('DROP TRIGGER "AuditEntry_no_update"');
      await gatewayAudit.$executeRawUnsafe(
        `UPDATE "AuditEntry" SET "decisions" = replace("decisions", '"DENIED"', '"GRANTED"') WHERE "logId" = 'gateway' AND "decisions" LIKE '%"DENIED"%'`,
      );
      const tampered = await verifyAuditChains(gatewayAudit, registry);
      const gatewayReport = tampered.find((r) => r.logId === 'gateway')!;
      expect(gatewayReport.ok).toBe(false);
      expect(gatewayReport.problems.join('\n')).toMatch(/altered/);
      const caught = await verifyCli();
      expect(caught.code).toBe(1);
      expect(caught.stdout).toMatch(/^TAMPERED gateway/m);
      expect(caught.stdout).toMatch(/^OK +identity: \d+ entries, anchored at entry \d+: matches$/m);
    } finally {
      await gatewayAudit.$disconnect();
      await identityAudit.$disconnect();
    }
  });

  it("withholds the gateway's whole answer while its audit store refuses writes, and recovers", async () => {
    const query = 'query($id: ID!) { patient(id: $id) { id name { family } labResults { id } } }';
    const gatewayAudit = await openStackAuditStore(t.stack.home, 'gateway');
    try {
      // Another writer with DDL rights makes the gateway's audit store refuse every entry.
      await gatewayAudit.$executeRawUnsafe(
        `CREATE TRIGGER "refuse_for_test" BEFORE INSERT ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'refused for test'); END`,
      );
      const refused = await t.graphql(query, { id: idOf(person(0)) }, riverside);
      expect(refused.status).toBe(503);
      expect(refused.data).toBeUndefined();
      expect(refused.errors).toEqual([
        {
          message: 'Audit log unavailable; response withheld',
          extensions: { code: 'INTERNAL' },
        },
      ]);
      expect(JSON.stringify(refused)).not.toContain(person(0).name.family);
      await gatewayAudit.$executeRawUnsafe('DROP TRIGGER "refuse_for_test"');
      const answered = await t.graphql<{ patient: { name: { family: string }[] } }>(
        query,
        { id: idOf(person(0)) },
        riverside,
      );
      expect(answered.status).toBe(200);
      expect(answered.errors).toBeUndefined();
      expect(answered.data?.patient.name[0]?.family).toBe(person(0).name.family);
    } finally {
      await gatewayAudit.$disconnect();
    }
  });

  it('puts no patient identifier anywhere in the chain state or logs', async () => {
    const dump = await rpc<string>(t.stack.chain.rpcUrl, 'anvil_dumpState', []);
    const state = zlib
      .gunzipSync(Buffer.from(dump.replace(/^0x/, ''), 'hex'))
      .toString('utf8')
      .toLowerCase();
    const logs = JSON.stringify(
      await rpc(t.stack.chain.rpcUrl, 'eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest' }]),
    ).toLowerCase();
    for (const p of t.people) {
      for (const value of [
        p.name.family,
        p.ids.mrn,
        p.ids.fhirPatientId,
        p.ids.hl7PatientId,
        p.ssn,
        p.birthDate,
        idOf(p),
      ]) {
        const needles = [
          Buffer.from(value, 'utf8').toString('hex'),
          keccak256(toUtf8Bytes(value)).slice(2),
          sha256(toUtf8Bytes(value)).slice(2),
        ];
        for (const needle of needles) {
          expect(state.includes(needle.toLowerCase())).toBe(false);
          expect(logs.includes(needle.toLowerCase())).toBe(false);
        }
      }
    }
  });

  it('withholds sensitive data with CONSENT_UNAVAILABLE when the chain cannot be read, and still resolves the rest', async () => {
    const p = person(0);
    await t.stack.chain.stop();
    const result = await until(async () => {
      const r = await t.graphql<LabsResult>(LABS_QUERY, { id: idOf(p) }, riverside);
      return r.errors?.some((e) => e.extensions?.code === 'CONSENT_UNAVAILABLE') ? r : undefined;
    }, 10_000);
    expect(result.data?.patient).toEqual({ id: idOf(p), labResults: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'CONSENT_UNAVAILABLE',
      category: 'LABS',
      patientId: idOf(p),
    });
  });
});
