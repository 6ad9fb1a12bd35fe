import fs from 'node:fs';
import { writeStackSupergraph } from '../gateway/supergraph/stack-supergraph';
import { stackSupergraphFile } from '../gateway/supergraph/supergraph-file';
import { loadSupergraph } from '../gateway/supergraph/supergraph-schema';
import { generateAssertionKeyPair } from '../subgraphs/shared/identity-assertion';
import {
  startFeatureSubgraphs,
  type FeatureSubgraphs,
} from './fixtures/federation-features/feature-subgraphs';
import { makeTempDir } from './helpers/temp-dir';

/**
 * `npm start` composes the stack's supergraph file from its running subgraphs
 * (ports change between runs) and keeps the partner subgraphs added to it
 * earlier while they answer.
 */
describe('the stack supergraph file', () => {
  const temp = makeTempDir('stack-supergraph');
  const key = generateAssertionKeyPair().privateKeyPem;
  let subgraphs: FeatureSubgraphs;

  beforeAll(async () => {
    subgraphs = await startFeatureSubgraphs();
  });
  afterAll(async () => {
    await subgraphs?.close();
    temp.cleanup();
  });

  const names = () =>
    loadSupergraph(fs.readFileSync(stackSupergraphFile(temp.dir), 'utf8')).subgraphs.map(
      (s) => s.name,
    );
  const endpoint = (name: string) => subgraphs.endpoints.find((e) => e.name === name)!;
  const core = () => ['users', 'catalog', 'inventory'].map(endpoint);

  it('composes the core, keeps a partner that answers, drops one that does not', async () => {
    // A first run with the partner ("reviews") added to the file.
    const progress: string[] = [];
    await writeStackSupergraph({
      home: temp.dir,
      subgraphs: [...core(), endpoint('reviews')],
      assertionPrivateKeyPem: key,
    });
    expect(names().sort()).toEqual(['catalog', 'inventory', 'reviews', 'users']);

    // Next start: the core again; the partner is still up, so it stays.
    await writeStackSupergraph({
      home: temp.dir,
      subgraphs: core(),
      assertionPrivateKeyPem: key,
      onProgress: (m) => progress.push(m),
    });
    expect(names().sort()).toEqual(['catalog', 'inventory', 'reviews', 'users']);
    expect(progress).toEqual([]);

    // The partner has gone away: left out, and said so.
    const file = stackSupergraphFile(temp.dir);
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace(endpoint('reviews').url, 'http://127.0.0.1:9/graphql'),
    );
    await writeStackSupergraph({
      home: temp.dir,
      subgraphs: core(),
      assertionPrivateKeyPem: key,
      onProgress: (m) => progress.push(m),
    });
    expect(names().sort()).toEqual(['catalog', 'inventory', 'users']);
    expect(progress).toEqual([
      'partner subgraph reviews (http://127.0.0.1:9/graphql) does not answer: left out',
    ]);
  }, 30_000);
});
