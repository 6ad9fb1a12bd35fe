import 'reflect-metadata';
import fs from 'node:fs';
import { migrateDatabase } from '../shared/store/migrate';
import { openEhrFhirStore } from './store';

async function main() {
  const dir = fs.mkdtempSync('/tmp/ehrfhir-smoke/p-');
  const url = `file:${dir}/x.db`;
  await migrateDatabase('ehr-fhir', url);
  const store = await openEhrFhirStore(url);
  let t = Date.now();
  const rows = Array.from({ length: 1000 }, (_, i) => [`Observation/${i}`, 'Observation', String(i), 1, new Date().toISOString(), 'x'.repeat(64), JSON.stringify({ a: 'x'.repeat(1500) })]);
  await store.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 200) {
      const part = rows.slice(i, i + 200);
      await tx.$executeRawUnsafe(`INSERT INTO "FhirResource" ("key","resourceType","resourceId","versionId","lastUpdated","contentHash","json") VALUES ${part.map(() => '(?,?,?,?,?,?,?)').join(',')}`, ...part.flat());
    }
  });
  console.log('raw resources 1000 in tx', Date.now() - t, 'ms');
  const tokens = Array.from({ length: 5000 }, (_, i) => [`Observation/${i % 1000}`, 'code', 'http://loinc.org', `c${i}`]);
  t = Date.now();
  await store.$transaction(async (tx) => {
    for (let i = 0; i < tokens.length; i += 500) {
      const part = tokens.slice(i, i + 500);
      await tx.$executeRawUnsafe(`INSERT INTO "FhirToken" ("resourceKey","param","system","code") VALUES ${part.map(() => '(?,?,?,?)').join(',')}`, ...part.flat());
    }
  });
  console.log('raw tokens 5000 in tx', Date.now() - t, 'ms');
  await store.$disconnect();
}
main();
