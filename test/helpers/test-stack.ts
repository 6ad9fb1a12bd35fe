import { startStack, type RunningStack } from '../../cli/stack/start-stack';
import { EPHEMERAL_PORTS } from '../../cli/stack/stack-options';
import { mintDevToken, type DevTokenOptions } from '../../gateway/auth/dev-token';
import { devOrganizationWallet } from '../../contracts/dev-accounts';
import { readPeople } from '../../generator/write-population';
import type { Person } from '../../generator/population';
import { loadOrCreateDevSecrets } from '../../subgraphs/shared/config/dev-secrets';
import { makeTempDir } from './temp-dir';

/** The day the test population's data runs up to: fixed, so tests are deterministic. */
export const TEST_AS_OF = new Date('2026-11-20T00:00:00Z');

export interface TestStack {
  stack: RunningStack;
  people: Person[];
  /** A development token for a dev organisation (or a patient) of this stack. */
  token(options: Partial<DevTokenOptions> & { org?: string }): Promise<string>;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{
    status: number;
    data?: T;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown>;
    }[];
  }>;
  stop(): Promise<void>;
}

/**
 * The whole stack as `npm start` runs it (anvil, registry, four subgraph processes
 * with SQLite stores, the seeded population ingested through the real paths, the
 * gateway process), on free loopback ports in a temporary state folder.
 */
export async function startTestStack(
  options: { size?: number; env?: NodeJS.ProcessEnv; gatewayExecArgv?: string[] } = {},
): Promise<TestStack> {
  const temp = makeTempDir('stack');
  let stack: RunningStack;
  try {
    stack = await startStack({
      home: temp.dir,
      host: '127.0.0.1',
      ports: EPHEMERAL_PORTS,
      seed: { seed: 20261120, size: options.size ?? 4, wearableDays: 2, asOf: TEST_AS_OF },
      logLevel: 'warn',
      databaseUrls: {},
      env: {
        CONSENT_POLL_INTERVAL_MS: '100',
        AUDIT_ANCHOR_INTERVAL_MS: '500',
        LINK_RETRY_INTERVAL_MS: '500',
        ...options.env,
      },
      gatewayExecArgv: options.gatewayExecArgv,
    });
  } catch (error) {
    temp.cleanup();
    throw error;
  }
  const secret = loadOrCreateDevSecrets({
    ...process.env,
    PATIENTGRAPH_HOME: temp.dir,
  }).tokenSigningSecret;
  return {
    stack,
    people: readPeople(stack.seed!.dir),
    token: ({ org, ...rest }) =>
      mintDevToken(secret, {
        subject: org ? `test:${org}` : 'test:patient',
        organization: org,
        orgAddress: org ? devOrganizationWallet(org).address : undefined,
        purpose: 'TREAT',
        ...rest,
      }),
    async graphql(query, variables = {}, token) {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async stop() {
      await stack.stop();
      temp.cleanup();
    },
  };
}
