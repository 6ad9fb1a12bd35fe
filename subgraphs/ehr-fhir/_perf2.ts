import 'reflect-metadata';
import fs from 'node:fs';
import { migrateDatabase } from '../shared/store/migrate';
import { openEhrFhirStore } from './store';

async function main() {
  const dir = fs.mkdtempSync('/tmp/ehrfhir-smoke/p-');
  const url = `file:${dir}/x.db`;
  await migrateDatabase('ehr-fhir', url);
  const store = await openEhrFhirStore(url);
  const rows = Array.from({ length: 1000 }, (_, i) => ({ key: `Observation/${i}`, resourceType: 'Observation', resourceId: String(i), versionId: 1, lastUpdated: new Date(), contentHash: 'x'.repeat(64), json: JSON.stringify({ a: 'x'.repeat(1500) }), patientId: 'p', status: 'final', dateStart: '2020-01-01T00:00:00.000Z' }));
  let t = Date.now();
  await store.$transaction(async (tx) => { for (let i = 0; i < rows.length; i += 200) await tx.fhirResource.createMany({ data: rows.slice(i, i + 200) }); });
  console.log('createMany tx 1000 rows', Date.now() - t, 'ms');
  const tokens = rows.flatMap((r) => [0, 1, 2, 3, 4].map((k) => ({ resourceKey: r.key, param: 'code', system: 'http://loinc.org', code: `c${k}` })));
  t = Date.now();
  await store.$transaction(async (tx) => { for (let i = 0; i < tokens.length; i += 1000) await tx.fhirToken.createMany({ data: tokens.slice(i, i + 1000) }); });
  console.log('tokens 5000', Date.now() - t, 'ms');
  t = Date.now();
  await store.fhirResource.deleteMany({});
  for (let i = 0; i < rows.length; i += 200) await store.fhirResource.createMany({ data: rows.slice(i, i + 200) });
  console.log('createMany no tx', Date.now() - t, 'ms');
  await store.$disconnect();
}
main();
