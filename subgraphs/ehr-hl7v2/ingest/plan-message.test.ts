import fs from 'node:fs';
import path from 'node:path';
import { parseHl7Message } from '../hl7/hl7-parser';
import { DEFAULT_AUTHORITY_SYSTEMS } from '../mappers/identifier-systems';
import { planOf } from '../testing/planned-rows';
import { readHeader } from './message-header';
import { isRejection, planMessage } from './plan-message';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hl7v2');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function plan(text: string) {
  const message = parseHl7Message(text);
  return planMessage(message, readHeader(message).header, {
    authoritySystems: DEFAULT_AUTHORITY_SYSTEMS,
    defaultOffset: 'Z',
    receivedAt: new Date(0),
  });
}

const msh = (type: string, id = '1', time = '20240101') =>
  `MSH|^~\\&|LAB|FAC|PG|PG|${time}||${type}|${id}|P|2.5.1`;

describe('planMessage', () => {
  it('plans an ORU with its patient, visit, orders, results and notes', () => {
    const p = planOf(fixture('LAB-ORU-2.hl7'));
    expect(p.patients).toHaveLength(1);
    expect(p.orders.map((o) => o.serviceCode)).toEqual(['26464-8', '24317-0']);
    expect(p.results).toHaveLength(10);
    expect(p.results.map((r) => r.orderIndex)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(p.results[5]).toMatchObject({
      code: '20509-6',
      value: '13.4',
      units: 'g/l-1',
      status: 'F',
    });
    expect(p.segments.map((s) => s.segmentType).slice(0, 4)).toEqual(['MSH', 'PID', 'OBR', 'OBX']);
  });

  it('refuses unsupported types and events (AR) and ADT without PID (AE)', () => {
    const orm = plan(`${msh('ORM^O01')}\rPID|1||X`);
    expect(isRejection(orm) && orm).toMatchObject({ code: 'AR', problems: [{ code: 200 }] });
    const a99 = plan(`${msh('ADT^A99')}\rPID|1||X`);
    expect(isRejection(a99) && a99).toMatchObject({ code: 'AR', problems: [{ code: 201 }] });
    const a29 = plan(`${msh('ADT^A29')}\rPID|1||X`);
    expect(isRejection(a29) && a29.problems[0]?.text).toMatch(/never delete patient records/);
    expect(isRejection(plan(`${msh('ADT^A09')}\rPID|1||X^^^A\rPV1|1|I`))).toBe(false);
    const oul = plan(`${msh('OUL^R22')}\rPID|1||X^^^A\rSPM|1\rOBR|1\rOBX|1|NM|1^A^LN||5`);
    expect(!isRejection(oul) && oul.results).toHaveLength(1);
    const noPid = plan(`${msh('ADT^A01')}\rEVN|A01\rPV1|1|I`);
    expect(isRejection(noPid) && noPid).toMatchObject({ code: 'AE', problems: [{ code: 101 }] });
    const noMrg = plan(`${msh('ADT^A40')}\rPID|1||X^^^A`);
    expect(isRejection(noMrg) && noMrg).toMatchObject({ code: 'AE', problems: [{ code: 100 }] });
  });

  it('keys idempotency on sender, control id and content, not on MSH-7', () => {
    const body = '\rPID|1||X^^^A\rPV1|1|I';
    const first = planOf(`${msh('ADT^A01', '9', '20240101')}${body}`);
    const resent = planOf(`${msh('ADT^A01', '9', '20240202')}${body}`);
    const reused = planOf(`${msh('ADT^A03', '9', '20240101')}${body}`);
    expect(resent.dedupKey).toBe(first.dedupKey);
    expect(reused.dedupKey).not.toBe(first.dedupKey);
  });

  it('reads the trigger from EVN-1 when MSH-9 has none, and plans A40 merges', () => {
    expect(planOf(`${msh('ADT')}\rEVN|A04\rPID|1||X^^^A`).header.triggerEvent).toBe('A04');
    const merge = planOf(`${msh('ADT^A40')}\rEVN|A40\rPID|1||NEW^^^RVLAB^PI\rMRG|OLD^^^RVLAB^PI`);
    expect(merge.merges).toEqual([
      { patientIndex: 0, priorSystem: 'urn:patientgraph:hl7v2:RVLAB', priorValue: 'OLD' },
    ]);
    expect(merge.visits).toEqual([]);
  });
});
