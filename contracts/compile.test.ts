import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../test/helpers/temp-dir';
import {
  CONTRACT_SOURCE_FILE,
  ContractCompileError,
  compileConsentRegistry,
  readCommittedAbi,
  type CompiledContract,
} from './compile';

// solc-js is slow to load (~1 s) and compiles in ~0.5 s: the suite runs it twice.
describe('compileConsentRegistry', () => {
  let fresh: CompiledContract;
  beforeAll(() => {
    fresh = compileConsentRegistry({ useCache: false });
  });

  it('matches the committed ABI (run `node -r @swc-node/register contracts/compile.ts` after editing the contract)', () => {
    expect(readCommittedAbi()).toEqual(fresh.abi);
    expect(fresh.warnings).toEqual([]);
    expect(fresh.bytecode).toMatch(/^0x[0-9a-f]{200,}$/);
  });

  it('reuses a cached artifact with the same content hash and recompiles a stale one', () => {
    const { dir, cleanup } = makeTempDir('solc-cache');
    try {
      const file = path.join(dir, 'ConsentRegistry.json');
      // A marked artifact under the right hash: a cache hit returns the mark, no solc run.
      fs.writeFileSync(file, JSON.stringify({ ...fresh, bytecode: '0xcafe' }));
      expect(compileConsentRegistry({ artifactDir: dir }).bytecode).toBe('0xcafe');

      fs.writeFileSync(
        file,
        JSON.stringify({ ...fresh, inputHash: 'other source', bytecode: '0xcafe' }),
      );
      const recompiled = compileConsentRegistry({ artifactDir: dir });
      expect(recompiled.bytecode).toBe(fresh.bytecode);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(fresh);
    } finally {
      cleanup();
    }
  });

  it('keys the cache on the source', () => {
    const { dir, cleanup } = makeTempDir('solc-cache');
    try {
      const edited = `${fs.readFileSync(CONTRACT_SOURCE_FILE, 'utf8')}\n// edited\n`;
      // Seed the cache with the unedited artifact: the edited source must not hit it.
      fs.writeFileSync(path.join(dir, 'ConsentRegistry.json'), JSON.stringify(fresh));
      const broken = edited.replace('contract ConsentRegistry {', 'contract ConsentRegistry { (');
      expect(() => compileConsentRegistry({ artifactDir: dir, source: broken })).toThrow(
        ContractCompileError,
      );
    } finally {
      cleanup();
    }
  });

  it("fails with the compiler's messages", () => {
    const broken = 'pragma solidity ^0.8.24; contract ConsentRegistry { function f( }';
    let caught: unknown;
    try {
      compileConsentRegistry({ useCache: false, source: broken });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContractCompileError);
    expect((caught as ContractCompileError).compilerErrors.join('\n')).toMatch(/ParserError/);
  });
});
