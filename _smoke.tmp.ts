import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadEhrHl7v2Config } from './subgraphs/ehr-hl7v2/config';
import { startEhrHl7v2 } from './subgraphs/ehr-hl7v2/server';
import { MllpClient } from './subgraphs/ehr-hl7v2/mllp/mllp-client';
import { readAck } from './subgraphs/ehr-hl7v2/ack/ack-reader';
async function main() {
  fs.rmSync('/tmp/hl7smoke', { recursive: true, force: true });
  const config = loadEhrHl7v2Config({ PORT: '0', MLLP_PORT: '0', DATABASE_URL: 'file:/tmp/hl7smoke/h.db', LOG_LEVEL: process.env.LL ?? 'warn', IDENTITY_URL: 'http://127.0.0.1:9' , PATIENTGRAPH_HOME: '/tmp/hl7smoke/home'});
  const server = await startEhrHl7v2(config);
  const client = await MllpClient.connect('127.0.0.1', server.mllpPort);
  const dir = process.env.DIR ?? '/work/shared/data/hl7v2/fhir-converter';
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.hl7'))) {
    const ack = await client.send(fs.readFileSync(path.join(dir, f), 'utf8'));
    const a = readAck(ack);
    console.log(f, a.code, a.controlId, a.duplicate, a.text);
    if (process.env.SHOWACK) console.log(ack.replace(/\r/g, '\n'));
  }
  const again = readAck(await client.send(fs.readFileSync(path.join(dir, 'ADT01-28.hl7'), 'utf8')));
  console.log('resend', again.code, again.duplicate, again.text);
  console.log(JSON.stringify(readAck(await client.send('garbage'))));
  await client.close();
  await server.settle();
  await server.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
