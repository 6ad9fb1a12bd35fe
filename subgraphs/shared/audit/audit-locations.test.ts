import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import { auditStoreUrls, auditUrlFor } from './audit-locations';

describe('audit store locations', () => {
  const temp = makeTempDir('audit-locations');
  afterAll(() => temp.cleanup());

  it("puts a log's id into the file name of a per-log pattern", () => {
    expect(auditUrlFor('file:/data/audit/{logId}.db', 'ehr-fhir')).toBe(
      'file:/data/audit/ehr-fhir.db',
    );
    expect(auditUrlFor('file:/data/audit.db', 'ehr-fhir')).toBe('file:/data/audit.db');
    expect(() => auditUrlFor('file:/data/{logId}.db', 'a/b')).toThrow(/names a file/);
  });

  it('finds every log file a pattern names, and nothing else in the folder', () => {
    const folder = path.join(temp.dir, 'audit');
    fs.mkdirSync(folder);
    for (const name of [
      'identity.db',
      'ehr-fhir.db',
      'identity.db-wal',
      'identity.db-shm',
      'notes.txt',
      '.db',
    ]) {
      fs.writeFileSync(path.join(folder, name), '');
    }
    expect(auditStoreUrls(`file:${folder}/{logId}.db`)).toEqual([
      `file:${folder}/ehr-fhir.db`,
      `file:${folder}/identity.db`,
    ]);
    expect(auditStoreUrls(`file:${folder}/audit-{logId}.db`)).toEqual([]);
    expect(auditStoreUrls(`file:${temp.dir}/missing/{logId}.db`)).toEqual([]);
    expect(auditStoreUrls('file:/data/audit.db')).toEqual(['file:/data/audit.db']);
  });
});
