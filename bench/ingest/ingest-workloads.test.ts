import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../test/helpers/temp-dir';
import { bundlesToNdjson } from './ingest-workloads';

describe('bundlesToNdjson', () => {
  const temp = makeTempDir('ndjson');
  afterAll(() => temp.cleanup());

  const bundle = (patient: string, observation: string) => ({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: `urn:uuid:${patient}`, resource: { resourceType: 'Patient', id: patient } },
      {
        fullUrl: `urn:uuid:${observation}`,
        resource: {
          resourceType: 'Observation',
          id: observation,
          subject: { reference: `urn:uuid:${patient}` },
          performer: [{ reference: 'urn:uuid:not-in-this-bundle' }],
        },
      },
    ],
  });

  it('writes one resource per line, references made relative, N patients per file', () => {
    const files = ['p1', 'p2', 'p3'].map((p, i) => {
      const file = path.join(temp.dir, `${p}.json`);
      fs.writeFileSync(file, JSON.stringify(bundle(p, `o${i + 1}`)));
      return file;
    });
    const bodies = bundlesToNdjson(files, 2);
    expect(bodies).toHaveLength(2);
    const lines = bodies[0]!
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['p1', 'o1', 'p2', 'o2']);
    expect(lines[1]).toMatchObject({
      subject: { reference: 'Patient/p1' },
      // A reference the bundle cannot resolve is left as it was sent.
      performer: [{ reference: 'urn:uuid:not-in-this-bundle' }],
    });
    expect(bodies[1]!.trimEnd().split('\n')).toHaveLength(2);
  });
});
