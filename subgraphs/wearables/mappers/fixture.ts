import fs from 'node:fs';
import path from 'node:path';

/** Reads a copied real file from test/fixtures/wearables (see its SOURCE.md). */
export function readFixture(relative: string): unknown {
  const file = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'wearables', relative);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
