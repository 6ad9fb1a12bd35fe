import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import gql from 'graphql-tag';
import { applySubgraphChange } from '../gateway/supergraph/apply-subgraph-change';
import { supergraphFileText } from '../gateway/supergraph/supergraph-file';
import { PROJECT_ROOT } from '../subgraphs/shared/config/project-paths';
import { generateAssertionKeyPair, loadPrivateKey } from '../subgraphs/shared/identity-assertion';
import {
  composeFeatureSupergraph,
  startFeatureSubgraphs,
  type FeatureSubgraphs,
} from './fixtures/federation-features/feature-subgraphs';
import { makeTempDir } from './helpers/temp-dir';

const run = promisify(execFile);

/**
 * `npx patientgraph subgraph add|update|remove` refuses what would hurt clients:
 * composition errors, and changes that break an operation of the registry (here:
 * a partner redeploying its subgraph without a field a registered operation
 * reads). The subgraphs are real servers; the CLI runs as a user runs it.
 */
describe('subgraph changes that are refused', () => {
  const temp = makeTempDir('subgraph-change');
  const file = path.join(temp.dir, 'supergraph.graphql');
  const registry = path.join(temp.dir, 'operations');
  const keys = generateAssertionKeyPair();
  let subgraphs: FeatureSubgraphs;
  let oldInventory: FeatureSubgraphs;
  let clash: { url: string; server: ApolloServer };
  let original: string;

  beforeAll(async () => {
    subgraphs = await startFeatureSubgraphs();
    // The same inventory, deployed again without Product.restockDate.
    oldInventory = await startFeatureSubgraphs({ only: ['inventory'], inventoryVersion: 1 });
    // A subgraph whose Product key has another type: cannot compose.
    const server = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs: gql`
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
          type Product @key(fields: "upc") {
            upc: Int!
            color: String
          }
        `,
        resolvers: {},
      }),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    const { url } = await startStandaloneServer(server, {
      listen: { port: 0, host: '127.0.0.1' },
    });
    clash = { url, server };
    original = supergraphFileText(
      composeFeatureSupergraph(subgraphs.endpoints, { inventoryVersion: 2 }),
      'test',
    );
    fs.writeFileSync(file, original);
    fs.mkdirSync(registry);
    fs.writeFileSync(
      path.join(registry, 'restock.graphql'),
      'query Restock($upc: String!) { product(upc: $upc) { name restockDate } }\n',
    );
    fs.writeFileSync(
      path.join(registry, 'top-products.graphql'),
      'query TopProducts { topProducts { upc name reviews { rating author { name } } } }\n',
    );
  }, 30_000);

  afterAll(async () => {
    await clash?.server.stop();
    await oldInventory?.close();
    await subgraphs?.close();
    temp.cleanup();
  });

  const change = (
    action: 'add' | 'update' | 'remove',
    name: string,
    url: string | undefined,
    options: { operations?: string[]; strict?: boolean; dryRun?: boolean } = {},
  ) =>
    applySubgraphChange({
      change: { action, name, url },
      supergraphFile: file,
      operationSources: options.operations ?? [registry],
      privateKey: loadPrivateKey(keys.privateKeyPem),
      strict: options.strict,
      dryRun: options.dryRun,
    });

  it('CLI: refuses an update that removes a field a registered operation uses', async () => {
    const oldUrl = oldInventory.endpoints[0]!.url;
    const failure = await run(
      process.execPath,
      [
        'bin/patientgraph.js',
        'subgraph',
        'update',
        'inventory',
        oldUrl,
        '--supergraph',
        file,
        '--operations',
        registry,
      ],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, GATEWAY_ASSERTION_PRIVATE_KEY: keys.privateKeyPem },
      },
    ).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('breaks registered operation restock (Restock)');
    expect(failure?.stdout).toContain('Cannot query field "restockDate" on type "Product".');
    expect(failure?.stdout).toContain('REFUSED (update inventory)');
    expect(fs.readFileSync(file, 'utf8')).toBe(original);
  }, 30_000);

  it('lets the same update through when no registered operation uses the field, unless strict', async () => {
    const oldUrl = oldInventory.endpoints[0]!.url;
    const others = path.join(temp.dir, 'others');
    fs.mkdirSync(others);
    fs.copyFileSync(path.join(registry, 'top-products.graphql'), path.join(others, 'top.graphql'));

    const strict = await change('update', 'inventory', oldUrl, {
      operations: [others],
      strict: true,
    });
    expect(strict.refusals).toEqual(['1 breaking schema change(s) (--strict)']);
    expect(strict.written).toBe(false);

    const dry = await change('update', 'inventory', oldUrl, { operations: [others], dryRun: true });
    expect(dry.refusals).toEqual([]);
    expect(dry.written).toBe(false);
    expect(dry.report).toContain(
      'warning: breaking change FIELD_REMOVED: Product.restockDate was removed.',
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(original);
  });

  it('refuses a composition error and prints it', async () => {
    const result = await change('add', 'clash', clash.url);
    expect(result.refusals[0]).toMatch(/^composition failed with \d+ error\(s\)/);
    expect(result.report.join('\n')).toMatch(/composition error: .*Product\.upc/);
    expect(result.written).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(original);
  });

  it('refuses removing a subgraph that registered operations read from', async () => {
    const result = await change('remove', 'reviews', undefined);
    expect(result.plan.brokenOperations.map((o) => o.id)).toEqual(['top-products']);
    expect(result.written).toBe(false);
  });

  it('refuses when the registry itself cannot be read', async () => {
    const broken = path.join(temp.dir, 'broken');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'bad.graphql'), 'query {');
    await expect(
      change('update', 'inventory', undefined, { operations: [broken] }),
    ).rejects.toThrow(/operation registry cannot be read/);
  });
});
