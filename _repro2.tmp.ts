import fs from 'node:fs';
import { migrateDatabase } from './subgraphs/shared/store/migrate';
import { openHl7Store } from './subgraphs/ehr-hl7v2/store';
import { parseHl7Message } from './subgraphs/ehr-hl7v2/hl7/hl7-parser';
import { readHeader } from './subgraphs/ehr-hl7v2/ingest/message-header';
import { planMessage } from './subgraphs/ehr-hl7v2/ingest/plan-message';
import { writePlans } from './subgraphs/ehr-hl7v2/ingest/ingest-writer';
import type { IngestPlan } from './subgraphs/ehr-hl7v2/ingest/ingest-plan';
async function main() {
  fs.rmSync('/tmp/hl7repro', { recursive: true, force: true });
  const url = 'file:/tmp/hl7repro/h.db';
  await migrateDatabase('ehr-hl7v2', url);
  const store = await openHl7Store(url);
  if (process.env.PRE) void store.hl7Patient.findMany({ where: { linkStatus: 'pending', nextLinkAt: { lte: new Date() } } }).then((r) => console.log('pre', r.length));
  for (const f of (process.env.FILES ?? 'ADT-A01-01.hl7,ADT-A03-01.hl7,ADT01-28.hl7').split(',')) {
    const m = parseHl7Message(fs.readFileSync('/work/shared/data/hl7v2/fhir-converter/' + f, 'utf8'));
    const plan = planMessage(m, readHeader(m).header, { authoritySystems: {}, defaultOffset: 'Z', receivedAt: new Date() }) as IngestPlan;
    try {
      const r = await writePlans(store, [plan], new Date());
      console.log(f, r.outcomes[0]?.status);
      const p = await store.hl7Patient.findMany({ where: { linkStatus: 'pending' } });
      console.log('patients', p.length);
    } catch (e) { console.log(f, 'err', (e as Error).message.slice(0, 300)); }
  }
  await store.$disconnect();
}
main();
