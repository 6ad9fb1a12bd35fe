import fs from 'node:fs';
import path from 'node:path';
import {
  SERVICE_TOKEN,
  startHl7Stack,
  type Hl7Stack,
} from '../../subgraphs/ehr-hl7v2/testing/hl7-test-harness';
import { sendHl7v2Files } from './hl7v2.sender';

const msh = (type: string, id: string) => `MSH|^~\\&|LAB|FAC|PG|PG|20240101||${type}|${id}|P|2.5.1`;
const adt = (id: string) => `${msh('ADT^A04', id)}\rEVN|A04\rPID|1||${id}^^^SENDERTEST^PI||Send^Er`;

describe('sendHl7v2Files (real ehr-hl7v2 listener)', () => {
  let stack: Hl7Stack;
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(stack.dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const target = () => ({ baseUrl: stack.hl7.url, serviceToken: SERVICE_TOKEN, mllp: stack.mllp });

  beforeAll(async () => {
    stack = await startHl7Stack({ identity: false });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('sends batch files, MLLP captures and CRLF files, reporting rejections with file:line', async () => {
    const batch = write(
      'batch.hl7',
      ['FHS|^~\\&|LAB', 'BHS|^~\\&|LAB', adt('B-1'), adt('B-2'), 'BTS|2', 'FTS|1'].join('\r'),
    );
    const framed = write('capture.mllp', `\x0b${adt('F-1')}\r\x1c\r\x0b${adt('F-2')}\r\x1c\r`);
    const mixed = write(
      'mixed.hl7',
      ['not a message', adt('M-1'), `${msh('ORM^O01', 'M-2')}\rPID|1||X`].join('\r\n'),
    );
    const progress: number[] = [];
    const summary = await sendHl7v2Files([batch, framed, mixed], target(), (done) =>
      progress.push(done),
    );
    expect(summary).toMatchObject({
      format: 'HL7 v2',
      unit: 'messages',
      accepted: 5,
      duplicates: 0,
    });
    expect(summary.rejected).toEqual([
      { location: `${mixed}:1`, reason: expect.stringMatching(/outside any message/) },
      {
        location: `${mixed}:5`,
        reason: expect.stringMatching(/^AR: Unsupported message type ORM/),
      },
    ]);
    expect(progress.at(-1)).toBe(6);
    expect(await stack.store.hl7Message.count({ where: { sendingApplication: 'LAB' } })).toBe(5);
  });

  it('counts a resent file as duplicates, and works over HTTP without an MLLP target', async () => {
    const file = write('again.hl7', [adt('A-1'), adt('A-2')].join('\n'));
    expect(await sendHl7v2Files([file], target())).toMatchObject({ accepted: 2, duplicates: 0 });
    const { mllp: _mllp, ...http } = target();
    expect(await sendHl7v2Files([file], http)).toMatchObject({
      accepted: 0,
      duplicates: 2,
      rejected: [],
    });
  });

  it('reports every message as rejected when no listener answers, and unreadable files', async () => {
    const file = write('orphan.hl7', [adt('O-1'), adt('O-2')].join('\n'));
    const summary = await sendHl7v2Files(
      [file, path.join(stack.dir, 'missing.hl7')],
      { ...target(), mllp: { host: '127.0.0.1', port: 9 } },
      undefined,
      { retries: 1 },
    );
    expect(summary.accepted).toBe(0);
    expect(summary.rejected.map((r) => r.location)).toEqual([
      `${path.join(stack.dir, 'missing.hl7')}`,
      `${file}:1`,
      `${file}:4`,
    ]);
    expect(summary.rejected[1]?.reason).toMatch(/Cannot connect to MLLP/);
  });
});
