import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../test/helpers/temp-dir';
import { writeDeadLetters } from './dead-letter';

describe('writeDeadLetters', () => {
  it('keeps every rejection with its reason and a copy of each rejected file', () => {
    const temp = makeTempDir('dead-letter');
    try {
      const a = path.join(temp.dir, 'a.ndjson');
      const b = path.join(temp.dir, 'b.hl7');
      fs.writeFileSync(a, '{}\n{}\n');
      fs.writeFileSync(b, 'MSH|^~\\&|');
      const dir = writeDeadLetters(
        path.join(temp.dir, 'dead'),
        [
          {
            format: 'FHIR R4',
            unit: 'resources',
            accepted: 1,
            duplicates: 0,
            rejected: [
              { location: `${a}:line 1`, reason: 'x' },
              { location: `${a}:line 2`, reason: 'y' },
            ],
          },
          {
            format: 'HL7 v2',
            unit: 'messages',
            accepted: 0,
            duplicates: 0,
            rejected: [{ location: b, reason: 'AR' }],
          },
        ],
        new Date('2026-11-25T10:00:00Z'),
      )!;
      const lines = fs
        .readFileSync(path.join(dir, 'rejections.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.format, l.reason])).toEqual([
        ['FHIR R4', 'x'],
        ['FHIR R4', 'y'],
        ['HL7 v2', 'AR'],
      ]);
      expect(fs.readdirSync(path.join(dir, 'inputs')).sort()).toEqual(['1-a.ndjson', '2-b.hl7']);
    } finally {
      temp.cleanup();
    }
  });

  it('writes nothing when nothing was rejected', () => {
    expect(
      writeDeadLetters('/nonexistent', [
        { format: 'x', unit: 'y', accepted: 3, duplicates: 0, rejected: [] },
      ]),
    ).toBeNull();
  });
});
