import 'reflect-metadata';
import fs from 'node:fs';
import { emitFhirBundles } from '../../generator/emit/fhir-bundle.emitter';
import { generatePerson } from '../../generator/population';
import { startEhrFhirPair } from './ehr-fhir.test-harness';

async function main() {
  const pair = await startEhrFhirPair({ identity: process.env.NOID ? false : true });
  const opts = { seed: 1, size: 400, asOf: new Date('2026-01-01T00:00:00Z'), wearableDays: 1 };
  const n = Number(process.env.N ?? 100);
  const bundles: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const content = emitFhirBundles(generatePerson(opts, i), opts)[0]!.content;
    bundles.push(content);
  }
  for (let i = n; i < 2 * n; i++) {
    const b = JSON.parse(emitFhirBundles(generatePerson(opts, i), opts)[0]!.content);
    for (const e of b.entry) lines.push(JSON.stringify(e.resource).replace(/urn:uuid:/g, 'X/'));
  }
  let resources = 0;
  let t = Date.now();
  for (const b of bundles) {
    const r = await pair.post('/fhir', b);
    resources += (r.body.entry as unknown[]).length;
  }
  let ms = Date.now() - t;
  console.log('bundles', resources, 'resources', ms, 'ms', Math.round(resources / ms * 1000), 'res/s');
  t = Date.now();
  for (const b of bundles) await pair.post('/fhir', b);
  ms = Date.now() - t;
  console.log('re-ingest', Math.round(resources / ms * 1000), 'res/s');
  const body = lines.join('\n');
  t = Date.now();
  const r = await pair.post('/fhir/$ndjson', body, 'application/fhir+ndjson');
  ms = Date.now() - t;
  console.log('ndjson', lines.length, ms, 'ms', Math.round(lines.length / ms * 1000), 'res/s', JSON.stringify((r.body.issue as unknown[])[0]));
  console.log('db size', fs.statSync(`${pair.dir}/ehr-fhir.db`).size);
  await pair.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
