import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import pino from 'pino';
import { SupergraphFileManager } from './supergraph-file-manager';
import { supergraphFileText, writeSupergraphFileAtomic } from './supergraph-file';

function supergraph(fields: string): string {
  const result = composeServices([
    {
      name: 'notes',
      url: 'http://notes.test/graphql',
      typeDefs: parse(
        `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
         type Query { note(id: ID!): Note }
         type Note @key(fields: "id") { id: ID! ${fields} }`,
      ),
    },
  ]);
  if (result.errors) throw new Error(result.errors[0]!.message);
  return supergraphFileText(result.supergraphSdl, 'test');
}

async function until(probe: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SupergraphFileManager', () => {
  let dir: string;
  let file: string;
  const lines: { level: number; msg: string; reason?: string }[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    }),
  );
  let cleanup: (() => Promise<void>) | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-sgmanager-'));
    file = path.join(dir, 'supergraph.graphql');
    lines.length = 0;
  });
  afterEach(async () => {
    await cleanup?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start() {
    const manager = new SupergraphFileManager({
      file,
      logger,
      watch: { enabled: true, debounceMs: 20, pollIntervalMs: 50 },
    });
    const updates: string[] = [];
    const initial = await manager.initialize({ update: (sdl) => updates.push(sdl) });
    cleanup = initial.cleanup;
    return { manager, updates, initial };
  }

  it('serves the file, then hands each valid new version to the gateway once', async () => {
    const v1 = supergraph('text: String');
    const v2 = supergraph('text: String author: String');
    writeSupergraphFileAtomic(file, v1);
    const { manager, updates, initial } = await start();
    expect(initial.supergraphSdl).toBe(v1);

    writeSupergraphFileAtomic(file, v2);
    await until(() => updates.length === 1);
    expect(updates[0]).toBe(v2);
    writeSupergraphFileAtomic(file, v2); // same text again: nothing to do
    await new Promise((r) => setTimeout(r, 200));
    expect(updates).toHaveLength(1);
    expect(manager.reloadCount).toBe(1);
    expect(lines.some((l) => l.msg === 'supergraph reloaded')).toBe(true);
  });

  it('refuses an invalid file, keeps the previous supergraph, and logs why', async () => {
    writeSupergraphFileAtomic(file, supergraph('text: String'));
    const { updates } = await start();
    fs.writeFileSync(file, 'schema { query: Query }\ntype Query { broken: Nope }\n');
    await until(() => lines.some((l) => l.msg.startsWith('supergraph file rejected')));
    const rejected = lines.find((l) => l.msg.startsWith('supergraph file rejected'))!;
    expect(rejected.level).toBe(50);
    expect(rejected.reason).toMatch(/^Not a valid Federation 2 supergraph/);
    expect(updates).toEqual([]);

    // Once fixed, the file loads.
    const fixed = supergraph('text: String pinned: Boolean');
    writeSupergraphFileAtomic(file, fixed);
    await until(() => updates.length === 1);
    expect(updates[0]).toBe(fixed);
  });

  it('refuses to start on a file that is not a supergraph', async () => {
    fs.writeFileSync(file, '# nothing here\n');
    await expect(start()).rejects.toThrow(/the file is empty|Not a valid/);
  });

  it('keeps serving when the gateway refuses the update', async () => {
    writeSupergraphFileAtomic(file, supergraph('text: String'));
    const manager = new SupergraphFileManager({
      file,
      logger,
      watch: { enabled: true, debounceMs: 20, pollIntervalMs: 0 },
    });
    const initial = await manager.initialize({
      update: () => {
        throw new Error("Can't call `update` callback while gateway is stopping.");
      },
    });
    cleanup = initial.cleanup;
    writeSupergraphFileAtomic(file, supergraph('text: String author: String'));
    await until(() => lines.some((l) => l.reason?.includes('gateway is stopping') ?? false));
    expect(manager.reloadCount).toBe(0);
  });
});
