import fs from 'node:fs';
import { Command } from 'commander';

const EXAMPLE_QUERY = `query PatientSummary($id: ID!, $from: String!, $to: String!) {
  patient(id: $id) {
    id
    name { family given }
    birthDate
    identifiers { system value source }
    conditions { code { coding { system code display } } clinicalStatus { coding { code } } }
    observations(category: "laboratory", first: 5) {
      code { coding { system code display } }
      valueQuantity { value unit }
      effectiveDateTime
      source { subgraph }
    }
    labResults(first: 5) {
      code { coding { system code display } }
      valueQuantity { value unit }
      source { subgraph }
    }
    heartRate(from: $from, to: $to, bucket: "1d") { buckets { start mean min max count } }
  }
}`;

export function startCommand(): Command {
  return new Command('start')
    .description('Start the whole stack: chain, contracts, stores, seeded data, subgraphs, gateway')
    .option('--reset', 'delete the state folder first (databases, chain, seed) and start clean')
    .option('--no-seed', 'start with empty stores')
    .option('--seed-size <n>', 'patients in the synthetic population', (v) => Number(v))
    .action(async (options: { reset?: boolean; seed: boolean; seedSize?: number }) => {
      const { stackOptionsFromEnv } = await import('../stack/stack-options');
      const { startStack } = await import('../stack/start-stack');
      const { writeStackFile, removeStackFile } = await import('../stack/stack-file');
      const stackOptions = stackOptionsFromEnv();
      if (options.reset) fs.rmSync(stackOptions.home, { recursive: true, force: true });
      if (!options.seed) stackOptions.seed = false;
      else if (options.seedSize && stackOptions.seed) stackOptions.seed.size = options.seedSize;
      const t0 = Date.now();
      stackOptions.onProgress = (message) => console.log(`  ${message}`);
      console.log('Starting PatientGraph');
      const stack = await startStack(stackOptions);
      writeStackFile(stack.home, {
        pid: process.pid,
        gatewayUrl: stack.gatewayUrl,
        subgraphUrls: stack.subgraphUrls,
        mllp: stack.mllp,
        chain: {
          rpcUrl: stack.chain.rpcUrl,
          registryAddress: stack.chain.registryAddress,
          chainId: stack.chain.chainId,
        },
        startedAt: new Date().toISOString(),
      });
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        console.log('\nStopping PatientGraph...');
        removeStackFile(stack.home);
        stack.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);

      const { firstPatientId } = await import('../stack/example-patient');
      const { mintDevToken } = await import('../../gateway/auth/dev-token');
      const { loadOrCreateDevSecrets } = await import('../../subgraphs/shared/config/dev-secrets');
      const { devOrganizationWallet } = await import('../../contracts/dev-accounts');
      const { SEED_GRANTEE } = await import('../stack/seed');
      const token = await mintDevToken(
        loadOrCreateDevSecrets({ ...process.env, PATIENTGRAPH_HOME: stack.home })
          .tokenSigningSecret,
        {
          subject: `dev:${SEED_GRANTEE}`,
          organization: SEED_GRANTEE,
          orgAddress: devOrganizationWallet(SEED_GRANTEE).address,
          purpose: 'TREAT',
          scopes: ['user/*.rs'],
          ttlSeconds: 12 * 3600,
        },
      );
      const patientId = await firstPatientId(stack.gatewayUrl, token);
      const to = new Date().toISOString();
      const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
      const body = JSON.stringify({ query: EXAMPLE_QUERY, variables: { id: patientId, from, to } });
      console.log(`
PatientGraph is up in ${((Date.now() - t0) / 1000).toFixed(1)} s.

  GraphQL:  ${stack.gatewayUrl}
  Logs:     ${stack.home}/logs/

Example query (one patient across all four subgraphs), as ${SEED_GRANTEE}
(a development token, valid 12 hours; mint others with \`npx patientgraph token\`):

curl -s ${stack.gatewayUrl} -H 'content-type: application/json' \\
  -H 'authorization: Bearer ${token}' \\
  -d '${body.replace(/'/g, "'\\''")}'

Press Ctrl-C to stop every process.`);
    });
}
