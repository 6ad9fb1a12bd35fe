import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  readSupergraphFile,
  supergraphFileText,
  supergraphSdlOf,
  writeSupergraphFileAtomic,
} from './supergraph-file';

describe('supergraph files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-sgfile-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts a header before the SDL and strips it again', () => {
    const text = supergraphFileText('schema { query: Query }\n\ntype Query { a: Int }\n\n', 'x');
    expect(text.split('\n')[0]).toMatch(/^# .*`npx patientgraph x`/);
    expect(text.endsWith('type Query { a: Int }\n')).toBe(true);
    expect(supergraphSdlOf(text)).toBe('schema { query: Query }\n\ntype Query { a: Int }');
  });

  it('replaces a file atomically, leaving no temporary file behind', () => {
    const file = path.join(dir, 'nested', 'supergraph.graphql');
    writeSupergraphFileAtomic(file, 'one');
    const inode = fs.statSync(file).ino;
    writeSupergraphFileAtomic(file, 'two');
    expect(readSupergraphFile(file)).toBe('two');
    // A new inode: readers holding the old file never see a partial write.
    expect(fs.statSync(file).ino).not.toBe(inode);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['supergraph.graphql']);
  });

  it('says clearly when a file is missing', () => {
    expect(() => readSupergraphFile(path.join(dir, 'nope.graphql'))).toThrow(/does not exist/);
  });
});
