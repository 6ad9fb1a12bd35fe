import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../test/helpers/temp-dir';
import { legacyAuditNotice } from './legacy-audit';

describe('legacyAuditNotice', () => {
  const temp = makeTempDir('legacy-audit');
  afterAll(() => temp.cleanup());

  it('points at the shared audit file an earlier version left, unless a store is configured', () => {
    expect(legacyAuditNotice(temp.dir)).toBeUndefined();
    fs.mkdirSync(path.join(temp.dir, 'data'), { recursive: true });
    fs.writeFileSync(path.join(temp.dir, 'data', 'audit.db'), '');
    expect(legacyAuditNotice(temp.dir)).toContain(
      `audit verify --database file:${path.join(temp.dir, 'data', 'audit.db')}`,
    );
    expect(legacyAuditNotice(temp.dir, 'postgresql://127.0.0.1/pg?schema=audit')).toBeUndefined();
  });
});
