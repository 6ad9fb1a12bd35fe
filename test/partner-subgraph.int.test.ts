import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConsentCategory, PurposeOfUse } from '../contracts/consent-codes';
import { ConsentRegistry } from '../contracts/consent-registry';
import {
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from '../contracts/dev-accounts';
import { startServiceProcess, type ServiceProcess } from '../cli/stack/service-process';
import { stackSupergraphFile } from '../gateway/supergraph/supergraph-file';
import { decisionsOfEntry } from '../subgraphs/shared/audit/audit-decisions';
import { loadSupergraph } from '../gateway/supergraph/supergraph-schema';
import type { Person } from '../generator/population';
import { openStackAuditStore, stackAuditPattern } from './helpers/audit-stores';
import { loadOrCreateDevSecrets } from '../subgraphs/shared/config/dev-secrets';
import { PROJECT_ROOT } from '../subgraphs/shared/config/project-paths';
import { startTestStack, type TestStack } from './helpers/test-stack';

const run = promisify(execFile);
const PARTNER_SYSTEM = 'https://radiology.partner.example/sid/patient';
const REPORTS_QUERY = `query($id: ID!) { patient(id: $id) { id
  radiologyReports { id modality conclusion source { subgraph } } } }`;

type ReportsResult = {
  patient: { id: string; radiologyReports: { id: string; source: { subgraph: string } }[] | null };
};

/**
 * A partner hospital plugs its subgraph into a running PatientGraph: the real
 * stack (chain, four subgraphs, seeded population, gateway serving
 * `<home>/supergraph.graphql`), the partner template started against the stack's
 * consent chain and audit log, its reports linked to a seeded patient through
 * identity, then `npx patientgraph subgraph add` run as a user runs it. The
 * gateway picks the new supergraph up by itself, and the partner's field obeys
 * consent like every other: refused without a grant, opened by a grant of its
 * category (with the specially protected report still withheld), all of it under
 * break-glass, every decision in the audit log.
 */
describe('a partner subgraph added through the CLI', () => {
  let t: TestStack;
  let partner: ServiceProcess;
  let registry: ConsentRegistry;
  let destroyProvider: () => void;
  let person: Person;
  let patientId: string;

  beforeAll(async () => {
    t = await startTestStack({ size: 2 });
    const home = t.stack.home;
    const secrets = loadOrCreateDevSecrets({ ...process.env, PATIENTGRAPH_HOME: home });
    partner = await startServiceProcess({
      name: 'radiology',
      entry: 'subgraphs/template/index.ts',
      env: {
        ...process.env,
        PATIENTGRAPH_HOME: home,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        GATEWAY_ASSERTION_PUBLIC_KEY: secrets.assertionPublicKeyPem,
        SERVICE_TOKEN: t.stack.serviceToken,
        CHAIN_RPC_URL: t.stack.chain.rpcUrl,
        CHAIN_DEPLOYMENT_FILE: t.stack.chain.deploymentFile,
        AUDIT_DATABASE_URL: stackAuditPattern(home),
        CONSENT_POLL_INTERVAL_MS: '100',
        IDENTITY_URL: t.stack.subgraphUrls.identity,
      },
      logFile: path.join(home, 'logs', 'radiology.log'),
    });
    const connected = ConsentRegistry.connect({
      rpcUrl: t.stack.chain.rpcUrl,
      address: t.stack.chain.registryAddress,
      privateKey: devRelayerWallet().privateKey,
    });
    registry = connected.registry;
    destroyProvider = () => connected.provider.destroy();
    person = t.people[0]!;
  }, 180_000);

  afterAll(async () => {
    destroyProvider?.();
    await partner?.stop();
    await t?.stop();
  });

  /** A sample report, about the seeded person (their SSN links it to their global record). */
  function reportFor(sampleName: string): string {
    const body = JSON.parse(
      fs.readFileSync(
        path.join(PROJECT_ROOT, 'subgraphs', 'template', 'sample', sampleName),
        'utf8',
      ),
    ) as { patient: Record<string, unknown> };
    body.patient = {
      resourceType: 'Patient',
      identifier: [
        { system: PARTNER_SYSTEM, value: `RAD-${person.key}` },
        { system: 'http://hl7.org/fhir/sid/us-ssn', value: person.ssn },
      ],
      name: [{ family: person.name.family, given: person.name.given }],
      birthDate: person.birthDate,
      gender: person.gender,
    };
    return JSON.stringify(body);
  }

  async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('links the partner records to the seeded patient', async () => {
    for (const sample of ['chest-xray.json', 'pelvic-ultrasound.json']) {
      const response = await fetch(`${partner.url}/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${t.stack.serviceToken}`,
        },
        body: reportFor(sample),
      });
      const body = (await response.json()) as { patientId: string; decision: string };
      expect(response.status).toBe(200);
      // The SSN is already linked to a seeded patient: no new patient.
      expect(body.decision).toBe('existing');
      patientId ??= body.patientId;
      expect(body.patientId).toBe(patientId);
    }
  });

  it('`npx patientgraph subgraph add` composes it in; the gateway serves it without a restart', async () => {
    const file = stackSupergraphFile(t.stack.home);
    const before = loadSupergraph(fs.readFileSync(file, 'utf8')).subgraphs.map((s) => s.name);
    expect(before).not.toContain('radiology');
    const northside = await t.token({ org: 'northside-clinic' });
    const unknownField = await t.graphql(REPORTS_QUERY, { id: patientId }, northside);
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const { stdout } = await run(
      process.execPath,
      [
        'bin/patientgraph.js',
        'subgraph',
        'add',
        'radiology',
        `${partner.url}/graphql`,
        // `npm start` records its stack so the CLI finds this file alone; a test stack does not.
        '--supergraph',
        file,
      ],
      // The stack's home: where the CLI finds the gateway's (development) signing key.
      { cwd: PROJECT_ROOT, env: { ...process.env, PATIENTGRAPH_HOME: t.stack.home } },
    );
    expect(stdout).toContain(`Supergraph file: ${file}`);
    expect(stdout).toMatch(/OK \(add radiology\): supergraph written with 5 subgraphs/);
    expect(loadSupergraph(fs.readFileSync(file, 'utf8')).subgraphs.map((s) => s.name)).toContain(
      'radiology',
    );

    // Without a grant: the partner's field is refused by the partner's consent check.
    const denied = await until(async () => {
      const r = await t.graphql<ReportsResult>(REPORTS_QUERY, { id: patientId }, northside);
      return r.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ? undefined : r;
    }, 10_000);
    expect(denied.status).toBe(200);
    expect(denied.data?.patient).toEqual({ id: patientId, radiologyReports: null });
    expect(denied.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'CONSENT_REQUIRED', category: 'LABS', patientId }),
    ]);
    // The gateway's edge policy read the new field's @policy from the reloaded supergraph.
    const anonymous = await t.graphql<ReportsResult>(REPORTS_QUERY, { id: patientId });
    expect(anonymous.data?.patient).toEqual({ id: patientId, radiologyReports: null });
    expect(anonymous.errors?.map((e) => e.extensions)).toEqual([
      { code: 'UNAUTHENTICATED', coordinate: 'Patient.radiologyReports' },
    ]);
  }, 60_000);

  it('opens the field to a grant of its category, still withholding the protected report', async () => {
    const grantee = devOrganizationWallet('northside-clinic').address;
    const signed = await registry.signGrant(devPatientWallet(person.walletIndex), {
      grantee,
      category: ConsentCategory.Labs,
      purpose: PurposeOfUse.TREAT,
    });
    await registry.submitSignedGrant(signed);
    const northside = await t.token({ org: 'northside-clinic' });
    const granted = await until(async () => {
      const r = await t.graphql<ReportsResult>(REPORTS_QUERY, { id: patientId }, northside);
      return r.data?.patient.radiologyReports ? r : undefined;
    }, 10_000);
    expect(granted.errors).toBeUndefined();
    // The ectopic pregnancy report is sexual and reproductive health: not granted.
    expect(granted.data!.patient.radiologyReports).toEqual([
      {
        id: 'rad-cxr-1001',
        modality: 'DX',
        conclusion: 'No acute cardiopulmonary process.',
        source: { subgraph: 'radiology' },
      },
    ]);
  }, 30_000);

  it('shows everything under break-glass, and audits every decision', async () => {
    const emergency = await t.token({
      org: 'riverside-hospital',
      purpose: 'ETREAT',
      breakGlassReason: 'unconscious patient in the ED',
    });
    const result = await t.graphql<ReportsResult>(REPORTS_QUERY, { id: patientId }, emergency);
    expect(result.errors).toBeUndefined();
    expect(result.data!.patient.radiologyReports!.map((r) => r.id)).toEqual([
      'rad-us-1002',
      'rad-cxr-1001',
    ]);
    // The gateway commits the partner's decisions under the partner's name (audit custody).
    const audit = await openStackAuditStore(t.stack.home, 'gateway');
    try {
      const entries = await audit.auditEntry.findMany({
        where: { logId: 'gateway', patientId },
        orderBy: { seq: 'asc' },
      });
      const partner = entries
        .flatMap((e) => decisionsOfEntry(e))
        .filter((d) => d.subgraph === 'radiology');
      const decisions = new Set(partner.map((d) => `${d.category}:${d.decision}`));
      expect(decisions).toEqual(
        new Set([
          'LABS:DENIED',
          'LABS:GRANTED',
          'SEXUAL_REPRODUCTIVE_HEALTH:DENIED',
          'LABS:BREAK_GLASS',
          'SEXUAL_REPRODUCTIVE_HEALTH:BREAK_GLASS',
        ]),
      );
      expect(partner.every((d) => d.field === 'Patient.radiologyReports')).toBe(true);
    } finally {
      await audit.$disconnect();
    }
  });
});
