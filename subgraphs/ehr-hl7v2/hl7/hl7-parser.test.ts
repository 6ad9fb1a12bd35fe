import fs from 'node:fs';
import path from 'node:path';
import {
  clean,
  findSegment,
  findSegments,
  get,
  getComponents,
  getRepetitions,
  getValue,
  rawField,
} from './hl7-access';
import { Hl7ParseError } from './hl7-message';
import { parseHl7Message } from './hl7-parser';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hl7v2');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const SAMPLE = [
  'MSH|^~\\&|LAB|RIVERSIDE|EHR|HOSP|20240102030405-0500||ORU^R01^ORU_R01|C1|P|2.5.1',
  'PID|1||H1^^^RVLAB^PI~M1^^^RIVERSIDE^MR||Doe^Jane^Q||19800101|F',
  'OBX|1|NM|2345-7^Glucose^LN||105|mg/dL^^UCUM|70-99|H|||F',
].join('\r');

describe('parseHl7Message', () => {
  it('numbers MSH fields from the field separator (MSH-1 is "|", MSH-2 the encoding)', () => {
    const message = parseHl7Message(SAMPLE);
    const msh = message.segments[0]!;
    expect(getValue(msh, 1)).toBe('|');
    expect(getValue(msh, 2)).toBe('^~\\&');
    expect(getValue(msh, 3)).toBe('LAB');
    expect(getValue(msh, 9, 1, 2)).toBe('R01');
    expect(getValue(msh, 10)).toBe('C1');
    expect(getValue(msh, 12)).toBe('2.5.1');
    expect(message.segments.map((s) => s.name)).toEqual(['MSH', 'PID', 'OBX']);
  });

  it('reads repetitions, components and subcomponents, 1-based, absent as empty', () => {
    const message = parseHl7Message(SAMPLE);
    expect(get(message, 'PID', 3, 1, 1)).toBe('H1');
    expect(get(message, 'PID', 3, 2, 4)).toBe('RIVERSIDE');
    expect(get(message, 'PID', 3, 3, 1)).toBe('');
    expect(get(message, 'PID', 5, 1, 2)).toBe('Jane');
    expect(get(message, 'PID', 99)).toBe('');
    expect(get(message, 'ZZZ', 1)).toBe('');
    const pid = findSegment(message, 'PID')!;
    expect(getRepetitions(pid, 3)).toEqual([
      [['H1'], [''], [''], ['RVLAB'], ['PI']],
      [['M1'], [''], [''], ['RIVERSIDE'], ['MR']],
    ]);
    expect(getRepetitions(pid, 4)).toEqual([]);
  });

  it('reads subcomponents', () => {
    const message = parseHl7Message(
      'MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|||X^^^AUTH&1.2.3&ISO^MR',
    );
    expect(get(message, 'PID', 3, 1, 4, 1)).toBe('AUTH');
    expect(get(message, 'PID', 3, 1, 4, 2)).toBe('1.2.3');
    expect(get(message, 'PID', 3, 1, 4, 3)).toBe('ISO');
    expect(get(message, 'PID', 3, 1, 4, 4)).toBe('');
  });

  it('uses whatever delimiters MSH-1/MSH-2 declare', () => {
    const message = parseHl7Message(
      'MSH#@*!$#LAB#FAC#R#F#2024##ADT@A08#X9#P#2.3\rPID#1##A1@@@AUTH$OID@MR*A2@@@B#!F!x!S!y!T!z!R!!E!',
    );
    expect(message.encoding).toEqual({
      field: '#',
      component: '@',
      repetition: '*',
      escape: '!',
      subcomponent: '$',
      truncation: '',
    });
    expect(get(message, 'MSH', 9, 1, 2)).toBe('A08');
    expect(get(message, 'PID', 3, 1, 4, 2)).toBe('OID');
    expect(get(message, 'PID', 3, 2, 1)).toBe('A2');
    expect(get(message, 'PID', 4)).toBe('#x@y$z*!');
  });

  it('accepts the v2.7 truncation character and reads \\P\\ as it', () => {
    const message = parseHl7Message('MSH|^~\\&#|A|B|C|D|2024||ADT^A01|1|P|2.8\rNTE|1||a\\P\\b');
    expect(message.encoding.truncation).toBe('#');
    expect(get(message, 'NTE', 3)).toBe('a#b');
  });

  it('splits segments on CR, LF and CRLF, and ignores BOM, MLLP bytes and blank lines', () => {
    const lf = parseHl7Message(`\ufeff${SAMPLE.replace(/\r/g, '\n')}\n`);
    const crlf = parseHl7Message(`\x0b${SAMPLE.replace(/\r/g, '\r\n')}\r\n\r\n\x1c\r`);
    const mixed = parseHl7Message(SAMPLE.replace('\r', '\r\n').replace('\r', '\n\n'));
    for (const message of [lf, crlf, mixed]) {
      expect(message.segments.map((s) => s.name)).toEqual(['MSH', 'PID', 'OBX']);
      expect(get(message, 'MSH', 3)).toBe('LAB');
      expect(get(message, 'OBX', 11)).toBe('F');
    }
  });

  it('keeps a line break inside a field value as part of its segment', () => {
    const message = parseHl7Message(
      'MSH|^~\\&|A|B|C|D|2024||ORU^R01|1|P|2.5\nOBX|1|TX|X^Y^L||first line\nsecond line|\nNTE|1||n',
    );
    expect(message.segments.map((s) => s.name)).toEqual(['MSH', 'OBX', 'NTE']);
    expect(get(message, 'OBX', 5)).toBe('first line\nsecond line');
  });

  it('keeps trailing empty fields and components as absent', () => {
    const message = parseHl7Message('MSH|^~\\&|A|B|C|D|2024||ADT^A01^|1|P|2.5|||\rEVN|A01|||');
    expect(get(message, 'MSH', 9, 1, 3)).toBe('');
    expect(get(message, 'MSH', 15)).toBe('');
    expect(rawField(findSegment(message, 'EVN')!, 4)).toBe('');
  });

  it('reads the HL7 explicit null as empty through clean()', () => {
    const message = parseHl7Message('MSH|^~\\&|A|B|C|D|2024||ADT^A08|1|P|2.5\rPID|1||X||""');
    expect(get(message, 'PID', 5)).toBe('""');
    expect(clean(get(message, 'PID', 5))).toBe('');
  });

  it('falls back to the standard encoding characters when MSH-2 is empty', () => {
    const message = parseHl7Message('MSH||A|B|C|D|2024||ADT^A01|1|P|2.3');
    expect(get(message, 'MSH', 9, 1, 2)).toBe('A01');
  });

  it('refuses text that is not one message, with an HL7 error code', () => {
    const cases: [string, number, RegExp][] = [
      ['', 100, /Empty message/],
      ['PID|1||X', 100, /does not start with an MSH/],
      ['MSHA^~\\&|x', 102, /MSH-1/],
      ['MSH|^^\\&|A', 102, /MSH-2/],
      ['MSH|^~\\&abcd|A', 102, /MSH-2/],
      ['FHS|^~\\&|A\rBHS|^~\\&\rMSH|^~\\&|A', 100, /Batch/],
      ['MSH|^~\\&|A\rPID|1\rMSH|^~\\&|B', 100, /More than one MSH/],
    ];
    for (const [text, code, reason] of cases) {
      let error: unknown;
      try {
        parseHl7Message(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Hl7ParseError);
      expect((error as Hl7ParseError).problem.code).toBe(code);
      expect((error as Hl7ParseError).message).toMatch(reason);
    }
  });

  it('parses the real sample messages (BOM, LF separators, v2.3 to v2.8)', () => {
    const adt28 = parseHl7Message(fixture('ADT01-28.hl7'));
    expect(get(adt28, 'MSH', 12)).toBe('2.5.1');
    expect(get(adt28, 'PID', 3, 2, 5)).toBe('SS');
    expect(get(adt28, 'PV1', 7, 1, 2)).toBe('ATTEND');

    const adt23 = parseHl7Message(fixture('ADT01-23.hl7'));
    expect(get(adt23, 'MSH', 12)).toBe('2.3');
    expect(findSegments(adt23, 'IN1')).toHaveLength(3);
    expect(get(adt23, 'PV1', 19, 1, 1)).toBe('40007716');

    const lri = parseHl7Message(fixture('LRI_2.0-NG_CBC_Typ_Message.hl7'));
    const obx = findSegments(lri, 'OBX');
    expect(obx).toHaveLength(28);
    expect(getComponents(obx[0]!, 6)).toEqual([['10*6/uL'], ['million per microliter'], ['UCUM']]);
    expect(getValue(obx[3]!, 8)).toBe('HH');

    const rmgead = parseHl7Message(fixture('ORU-R01-RMGEAD.hl7'));
    expect(getComponents(findSegment(rmgead, 'OBX')!, 5)).toEqual([[''], ['182']]);

    const a01 = parseHl7Message(fixture('ADT-A01-01.hl7'));
    expect(get(a01, 'MSH', 12)).toBe('2.8');
    expect(get(a01, 'PID', 5, 1, 1, 1)).toBe('EVERYMAN');
    expect(get(a01, 'PID', 5, 1, 1, 5)).toBe('Aniston');
  });
});
