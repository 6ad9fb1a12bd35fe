import fs from 'node:fs';
import path from 'node:path';
import { emitFhirBundles } from '../../generator/emit/fhir-bundle.emitter';
import { generatePerson } from '../../generator/population';
import {
  startEhrFhirPair,
  SERVICE_TOKEN,
  type EhrFhirPair,
} from '../../subgraphs/ehr-fhir/ehr-fhir.test-harness';
import { FhirSendError, sendFhirFiles } from './fhir.sender';

const OPTIONS = { seed: 3, size: 5, asOf: new Date('2026-03-01T00:00:00Z'), wearableDays: 1 };

describe('sendFhirFiles (against a real ehr-fhir subgraph)', () => {
  let pair: EhrFhirPair;
  let files: Record<string, string>;
  let bundleSize: number;

  beforeAll(async () => {
    pair = await startEhrFhirPair({ identity: false });
    const write = (name: string, content: string) => {
      const file = path.join(pair.dir, name);
      fs.writeFileSync(file, content);
      return file;
    };
    const [emitted] = emitFhirBundles(generatePerson(OPTIONS, 1), OPTIONS);
    bundleSize = (JSON.parse(emitted!.content) as { entry: unknown[] }).entry.length;
    const observation = (id: string, extra = {}) =>
      JSON.stringify({
        resourceType: 'Observation',
        id,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
        subject: { reference: 'Patient/s-1' },
        ...extra,
      });
    files = {
      bundle: write('person.json', emitted!.content),
      ndjson: write(
        'Observation.ndjson',
        [observation('s-o1'), 'not json', observation('s-o2')].join('\n'),
      ),
      transaction: write(
        'bad-transaction.json',
        JSON.stringify({
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            {
              resource: JSON.parse(observation('s-t1')),
              request: { method: 'PUT', url: 'Observation/s-t1' },
            },
            {
              resource: { resourceType: 'Observation', id: 's-t2' },
              request: { method: 'PUT', url: 'Observation/s-t2' },
            },
          ],
        }),
      ),
      broken: write('broken.json', '{ "resourceType": '),
    };
  });
  afterAll(async () => {
    await pair.close();
  });

  it('totals accepted, duplicates and rejections with where and why', async () => {
    const progress: [number, number][] = [];
    const target = { baseUrl: pair.ehr.url, serviceToken: SERVICE_TOKEN };
    const summary = await sendFhirFiles(Object.values(files), target, (done, total) =>
      progress.push([done, total]),
    );
    expect(summary).toMatchObject({
      format: 'FHIR R4',
      unit: 'resources',
      accepted: bundleSize + 2,
      duplicates: 0,
    });
    expect(summary.rejected).toEqual([
      { location: `${files.ndjson}:2`, reason: 'not valid JSON' },
      {
        location: `${files.transaction}#entry[0]`,
        reason: 'not stored: the transaction was rolled back because other entries are invalid',
      },
      {
        location: `${files.transaction}#entry[1]`,
        reason:
          'Observation.status is required (at Bundle.entry[1].resource.status); Observation.code is required (at Bundle.entry[1].resource.code)',
      },
      { location: files.broken, reason: 'not valid JSON' },
    ]);
    expect(progress.at(-1)).toEqual([4, 4]);

    const again = await sendFhirFiles([files.bundle, files.ndjson], target);
    expect(again).toMatchObject({ accepted: 0, duplicates: bundleSize + 2 });
  });

  it('stops on a wrong service token instead of reporting every file as rejected', async () => {
    await expect(
      sendFhirFiles([files.bundle!], { baseUrl: pair.ehr.url, serviceToken: 'wrong' }),
    ).rejects.toThrow(FhirSendError);
  });
});
