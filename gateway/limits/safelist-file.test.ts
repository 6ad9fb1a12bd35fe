import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256Hex } from './persisted-queries';
import { loadSafelist } from './safelist-file';

describe('loadSafelist', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-safelist-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('reads an Apollo persisted query manifest', () => {
    const body = 'query Me { me { id } }';
    const file = write('manifest.json', {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: 'abc', name: 'Me', type: 'query', body }],
    });
    expect(loadSafelist(file)).toEqual({
      operations: [{ id: 'abc', hash: sha256Hex(body), body, name: 'Me', source: 'manifest.json' }],
      problems: [],
    });
  });

  it('reads an id-to-text map and a list without ids (the hash is the id)', () => {
    const map = write('a.json', { doc1: '{ me { id } }' });
    expect(loadSafelist(map).operations.map((o) => o.id)).toEqual(['doc1']);
    const list = write('b.json', [{ query: '{ me { id } }' }]);
    expect(loadSafelist(list).operations[0]!.id).toBe(sha256Hex('{ me { id } }'));
  });

  it('reads a folder of .graphql files and JSON files, ids from relative paths', () => {
    write('patients/by-id.graphql', 'query PatientById($id: ID!) { patient(id: $id) { id } }');
    write('me.gql', '{ me { id } }');
    write('extra.json', { extra: '{ __typename }' });
    write('README.md', 'not an operation');
    const { operations, problems } = loadSafelist(dir);
    expect(problems).toEqual([]);
    expect(operations.map((o) => [o.id, o.name])).toEqual([
      ['extra', undefined],
      ['me', undefined],
      ['patients/by-id', 'PatientById'],
    ]);
  });

  it('reports every problem: unparseable text, duplicate ids, bad JSON, nothing at all', () => {
    write('x.json', { one: '{ me { id }', two: 'fragment F on Patient { id }' });
    write('y.json', '{ not json');
    write('z.json', { one: '{ me { birthDate } }' });
    write('w.json', { format: 'something', count: 3 });
    write('v.json', { one: '{ me { id } }' });
    write('u.json', { one: '{ me { birthDate } }' });
    const { problems } = loadSafelist(dir);
    expect(problems).toEqual([
      'v.json: id "one" is also used by u.json for another text',
      expect.stringMatching(/^w\.json is not a persisted query manifest/),
      expect.stringMatching(/^x\.json: an operation does not parse: Syntax Error/),
      'x.json: an operation does not parse: contains no operation',
      expect.stringMatching(/^y\.json is not valid JSON/),
    ]);
    expect(loadSafelist(path.join(dir, 'missing.json')).problems).toEqual([
      `${path.join(dir, 'missing.json')} cannot be read`,
    ]);
    const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
    expect(loadSafelist(empty).problems).toEqual([`${empty} holds no operation`]);
  });
});
