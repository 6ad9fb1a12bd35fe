import fs from 'node:fs';
import { migrateDatabase } from './subgraphs/shared/store/migrate';
import { openHl7Store } from './subgraphs/ehr-hl7v2/store';
async function main() {
  fs.rmSync('/tmp/hl7repro', { recursive: true, force: true });
  const url = 'file:/tmp/hl7repro/h.db';
  await migrateDatabase('ehr-hl7v2', url);
  const store = await openHl7Store(url);
  const mode = process.env.MODE ?? 'a';
  for (let round = 0; round < 3; round++) {
    try {
      await store.$transaction(async (tx) => {
        await tx.hl7Message.findMany({ where: { dedupKey: { in: ['x'] } } });
        await tx.hl7Patient.createMany({ data: [{ id: 'p' + round, keySystem: 's', keyValue: 'v' + round, authority: '', linkStatus: 'pending', nextLinkAt: new Date() }] });
        await tx.hl7Message.createMany({ data: [{ id: 'm' + round, controlId: 'c', dedupKey: 'k' + round, messageType: 'ADT', triggerEvent: 'A01', version: '2.5', sendingApplication: '', sendingFacility: '', receivingApplication: '', receivingFacility: '', receivedAt: new Date(), encoding: '|^~\\&', segmentCount: 1, raw: 'x'.repeat(mode === 'big' ? 9000 : 10) }] });
      });
      const [r] = await Promise.all([store.hl7Patient.findMany({ where: { linkStatus: 'pending', mergedIntoId: null, nextLinkAt: { lte: new Date() } }, orderBy: { nextLinkAt: 'asc' }, take: 100 }), store.hl7Merge.findMany({ where: { identityStatus: "pending" }, orderBy: { createdAt: "asc" }, take: 50 })]);
      console.log(round, 'ok', r.length);
    } catch (e) { console.log(round, 'err', (e as Error).message.slice(0, 200)); }
  }
  await store.$disconnect();
}
main();
