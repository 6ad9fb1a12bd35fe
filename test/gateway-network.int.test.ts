import path from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../cli/stack/service-process';
import { generateAssertionKeyPair } from '../subgraphs/shared/identity-assertion';
import { startTestConsentChain, type TestConsentChain } from './helpers/consent-chain';
import { consentEnv } from './helpers/consent-env';
import { isLoopback, readNetworkRecords } from './helpers/loopback';
import { makeTempDir } from './helpers/temp-dir';

/**
 * A gateway in front of patient data must never phone home. Stock @apollo/gateway
 * exports usage metrics and probes cloud metadata addresses unless told not to;
 * Apollo Server reports usage when it sees an Apollo key. This runs the real
 * gateway process with an Apollo key set and no telemetry opt-out in its
 * environment, records every connection and DNS lookup it makes, and requires
 * all of them to be loopback.
 */
describe('gateway network behaviour', () => {
  const temp = makeTempDir('netguard');
  const recordFile = path.join(temp.dir, 'network.ndjson');
  const keys = generateAssertionKeyPair();
  const processes: ServiceProcess[] = [];
  let chain: TestConsentChain | undefined;

  afterAll(async () => {
    for (const p of processes.reverse()) await p.stop();
    await chain?.stop();
    temp.cleanup();
  });

  it('opens no connection anywhere but loopback', async () => {
    chain = await startTestConsentChain(temp.dir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...consentEnv(chain, temp.dir),
      PATIENTGRAPH_HOME: temp.dir,
      LOG_LEVEL: 'warn',
    };
    delete env.APOLLO_TELEMETRY_DISABLED;
    env.APOLLO_KEY = 'service:patientgraph-test:not-a-real-key';
    env.APOLLO_GRAPH_REF = 'patientgraph-test@current';
    const identity = await startServiceProcess({
      name: 'identity',
      entry: 'subgraphs/identity/index.ts',
      env: {
        ...env,
        PORT: '0',
        GATEWAY_ASSERTION_PUBLIC_KEY: keys.publicKeyPem,
        SERVICE_TOKEN: 't',
      },
      logFile: path.join(temp.dir, 'identity.log'),
    });
    processes.push(identity);
    const gateway = await startServiceProcess({
      name: 'gateway',
      entry: 'gateway/main.ts',
      env: {
        ...env,
        GATEWAY_PORT: '0',
        SUBGRAPHS: `identity=${identity.url}/graphql`,
        GATEWAY_ASSERTION_PRIVATE_KEY: keys.privateKeyPem,
        NETWORK_RECORD_FILE: recordFile,
      },
      logFile: path.join(temp.dir, 'gateway.log'),
      execArgv: ['-r', path.join(__dirname, 'helpers', 'network-recorder.js')],
    });
    processes.push(gateway);

    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ patients(first: 1) { edges { node { id } } } }' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual({
      patients: { edges: [] },
    });
    // Resource detectors and exporters start in the background; give them time to try.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await gateway.stop();

    const records = readNetworkRecords(recordFile).filter((r) => r.kind !== 'ipc');
    // The recorder works: it saw the gateway's calls to the identity subgraph.
    const identityPort = Number(new URL(identity.url).port);
    expect(records.some((r) => r.kind === 'tcp' && r.port === identityPort)).toBe(true);
    const outside = records.filter((r) => !isLoopback(r.host));
    expect(outside).toEqual([]);
  });
});
