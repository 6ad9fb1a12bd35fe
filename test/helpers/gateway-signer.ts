import { randomUUID } from 'node:crypto';
import {
  ASSERTION_HEADER,
  generateAssertionKeyPair,
  loadPrivateKey,
  signAssertion,
} from '../../subgraphs/shared/identity-assertion';
import type { Requester } from '../../subgraphs/shared/requester';

/**
 * Plays the gateway's part towards one subgraph under test: a key pair whose public
 * half the subgraph is configured with, and signed GraphQL calls.
 */
export class GatewaySigner {
  readonly publicKeyPem: string;
  private readonly privateKey;

  /** `defaultRequester`: who calls when a query names nobody (default: a treating organisation). */
  constructor(private readonly defaultRequester: Requester = TEST_REQUESTER) {
    const keys = generateAssertionKeyPair();
    this.publicKeyPem = keys.publicKeyPem;
    this.privateKey = loadPrivateKey(keys.privateKeyPem);
  }

  async query<T = unknown>(
    url: string,
    query: string,
    variables: Record<string, unknown> = {},
    requester: Requester = this.defaultRequester,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [ASSERTION_HEADER]: signAssertion(requester, randomUUID(), this.privateKey),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: T;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  }
}

export const TEST_REQUESTER: Requester = {
  subject: 'test-client',
  organization: 'test-hospital',
  orgAddress: '0x00000000000000000000000000000000000000aa',
  purpose: 'TREAT',
  scopes: ['user/*.rs'],
};

/**
 * An emergency clinician (break-glass): sees everything, and every access is
 * audited as break-glass. Subgraph-level tests use it to test mapping and storage
 * apart from consent, which the consent tests cover against the real chain.
 */
export const BREAK_GLASS_REQUESTER: Requester = {
  subject: 'test-ed-clinician',
  organization: 'test-hospital',
  orgAddress: '0x00000000000000000000000000000000000000bb',
  purpose: 'ETREAT',
  scopes: ['user/*.rs'],
  breakGlassReason: 'subgraph integration test',
};
