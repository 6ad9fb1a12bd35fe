import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../subgraphs/shared/config/project-paths';
import {
  composeFeatureSupergraph,
  startFeatureSubgraphs,
  type FeatureSubgraphs,
} from './fixtures/federation-features/feature-subgraphs';
import { makeTempDir } from './helpers/temp-dir';

/**
 * `npx patientgraph gateway --supergraph <file>`: the gateway on its own, in
 * front of subgraphs that are not PatientGraph's, as an operator runs it.
 */
describe('npx patientgraph gateway --supergraph', () => {
  const temp = makeTempDir('gateway-command');
  let subgraphs: FeatureSubgraphs;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    subgraphs = await startFeatureSubgraphs();
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await subgraphs?.close();
    temp.cleanup();
  });

  function runCli(args: string[]): { child: ChildProcess; output: () => string } {
    let output = '';
    const started = spawn(process.execPath, ['bin/patientgraph.js', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PATIENTGRAPH_HOME: temp.dir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child: started, output: () => output };
  }

  it('serves any Federation 2 supergraph file', async () => {
    const file = path.join(temp.dir, 'shop.graphql');
    fs.writeFileSync(file, composeFeatureSupergraph(subgraphs.endpoints));
    const cli = runCli(['gateway', '--supergraph', file, '--port', '0']);
    child = cli.child;
    const deadline = Date.now() + 30_000;
    let url: string | undefined;
    while (!url) {
      url = /gateway listening on (\S+)/.exec(cli.output())?.[1];
      if (child.exitCode !== null) throw new Error(`gateway exited: ${cli.output()}`);
      if (Date.now() > deadline) throw new Error(`gateway did not start: ${cli.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(cli.output()).toContain(`Serving ${file}: catalog (`);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ product(upc: "p3") { name shippingEstimate } }' }),
    });
    expect(await response.json()).toEqual({
      data: { product: { name: 'Chair', shippingEstimate: 5 } },
    });
  }, 40_000);

  it('refuses a file that is not a supergraph, saying why', async () => {
    const file = path.join(temp.dir, 'not-a-supergraph.graphql');
    fs.writeFileSync(file, 'type Query { hello: String }\n');
    const cli = runCli(['gateway', '--supergraph', file, '--port', '0']);
    const code = await new Promise<number | null>((resolve) => cli.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(cli.output()).toContain('Not a valid Federation 2 supergraph');
  }, 30_000);
});
