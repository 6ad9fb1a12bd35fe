import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { readAck } from '../ack/ack-reader';
import { startHl7Stack, type Hl7Stack } from '../testing/hl7-test-harness';
import { MllpClient } from './mllp-client';
import { frameMessage } from './mllp-framer';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hl7v2');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const message = (id: string, pid = `P-${id}`) =>
  [
    `MSH|^~\\&|LAB|FAC|PG|PG|20240101120000-0500||ADT^A04^ADT_A01|${id}|P|2.5.1`,
    'EVN|A04|20240101120000-0500',
    `PID|1||${pid}^^^TESTLAB^PI||Test^Pat||19700101|F`,
    `PV1|1|E|ED^1||||||||||||||||V-${id}^^^TESTLAB^VN`,
  ].join('\r');

describe('MLLP listener (real sockets)', () => {
  let stack: Hl7Stack;
  let client: MllpClient;

  beforeAll(async () => {
    stack = await startHl7Stack({ identity: false });
    client = await MllpClient.connect(stack.mllp.host, stack.mllp.port);
  });

  afterAll(async () => {
    await client.close();
    await stack.close();
  });

  const count = (controlId: string) => stack.store.hl7Message.count({ where: { controlId } });

  it('stores a good message and answers AA, echoing its control id', async () => {
    const ack = readAck(await client.send(message('GOOD-1')));
    expect(ack).toMatchObject({ code: 'AA', controlId: 'GOOD-1', duplicate: false });
    expect(await count('GOOD-1')).toBe(1);
    expect(await stack.store.hl7Visit.count({ where: { visitNumber: 'V-GOOD-1' } })).toBe(1);
  });

  it('answers a resent message AA as a duplicate and does not store it twice', async () => {
    await client.send(message('DUP-1'));
    const again = readAck(await client.send(message('DUP-1')));
    expect(again).toMatchObject({ code: 'AA', controlId: 'DUP-1', duplicate: true });
    expect(await count('DUP-1')).toBe(1);
    expect(await stack.store.hl7Segment.count({ where: { message: { controlId: 'DUP-1' } } })).toBe(
      4,
    );
  });

  it('rejects garbage with AR, and a message it cannot process with AE and the reason', async () => {
    expect(readAck(await client.send('this is not HL7'))).toMatchObject({
      code: 'AR',
      errors: [{ code: '100' }],
    });
    const orm = readAck(await client.send(message('ORM-1').replace('ADT^A04^ADT_A01', 'ORM^O01')));
    expect(orm).toMatchObject({ code: 'AR', controlId: 'ORM-1', errors: [{ code: '200' }] });
    const noPid = readAck(
      await client.send('MSH|^~\\&|LAB|FAC|PG|PG|2024||ADT^A01|NOPID-1|P|2.5.1\rEVN|A01'),
    );
    expect(noPid).toMatchObject({ code: 'AE', controlId: 'NOPID-1', errors: [{ code: '101' }] });
    expect(noPid.text).toMatch(/without a PID/);
    expect(await count('ORM-1')).toBe(0);
    expect(await count('NOPID-1')).toBe(0);
  });

  it('loses nothing around a malformed message on one pipelined connection', async () => {
    const answers = await Promise.all([
      client.send(message('AROUND-1')),
      client.send('MSH|^~\\&|broken'),
      client.send(message('AROUND-2')),
    ]);
    expect(answers.map((a) => readAck(a).code)).toEqual(['AA', 'AR', 'AA']);
    expect(await count('AROUND-1')).toBe(1);
    expect(await count('AROUND-2')).toBe(1);
  });

  it('reassembles frames split across TCP chunks, byte by byte', async () => {
    const frame = frameMessage(message('SPLIT-1'));
    const raw = net.connect(stack.mllp.port, stack.mllp.host);
    await new Promise((resolve) => raw.once('connect', resolve));
    const answer = new Promise<string>((resolve) => {
      let data = '';
      raw.on('data', (chunk) => {
        data += chunk.toString();
        if (data.endsWith('\x1c\r')) resolve(data.slice(1, -2));
      });
    });
    for (const byte of frame) {
      raw.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(readAck(await answer)).toMatchObject({ code: 'AA', controlId: 'SPLIT-1' });
    raw.destroy();
  });

  it('survives a connection dropped mid-frame, and serves concurrent connections', async () => {
    const dropped = net.connect(stack.mllp.port, stack.mllp.host);
    await new Promise((resolve) => dropped.once('connect', resolve));
    dropped.write(frameMessage(message('DROPPED-1')).subarray(0, 40));
    dropped.destroy();
    const clients = await Promise.all(
      [1, 2, 3, 4].map(() => MllpClient.connect(stack.mllp.host, stack.mllp.port)),
    );
    const acks = await Promise.all(
      clients.flatMap((c, i) =>
        Array.from({ length: 25 }, (_, j) => c.send(message(`CONC-${i}-${j}`, `CP-${i}`))),
      ),
    );
    expect(acks.map((a) => readAck(a).code).every((code) => code === 'AA')).toBe(true);
    expect(
      await stack.store.hl7Message.count({ where: { controlId: { startsWith: 'CONC-' } } }),
    ).toBe(100);
    expect(await count('DROPPED-1')).toBe(0);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('accepts every real sample message with AA (v2.3 to v2.8, BOM, LF separators)', async () => {
    for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.hl7'))) {
      const ack = readAck(await client.send(fixture(name)));
      expect({ name, code: ack.code, text: ack.text }).toEqual({ name, code: 'AA', text: '' });
    }
    expect(await stack.store.hl7Result.count({ where: { controlId: 'NIST-LRI-NG-002.00' } })).toBe(
      28,
    );
  });
});
