import { labByKey } from '../catalog/labs';
import { generatePerson, type PopulationOptions } from '../population';
import { VENDOR_SYSTEMS } from '../vendor-systems';
import { findSegment, findSegments, get, getValue } from '../../subgraphs/ehr-hl7v2/hl7/hl7-access';
import { parseHl7DateTime } from '../../subgraphs/ehr-hl7v2/hl7/hl7-datetime';
import { parseHl7Message } from '../../subgraphs/ehr-hl7v2/hl7/hl7-parser';
import { splitHl7Messages } from '../../subgraphs/ehr-hl7v2/hl7/hl7-split';
import { easternOffset } from './hl7v2-segments';
import { emitHl7v2Messages } from './hl7v2.emitter';

const options: PopulationOptions = {
  seed: 7,
  size: 12,
  asOf: new Date('2026-11-01T00:00:00Z'),
  wearableDays: 7,
};

function messagesOf(index: number) {
  const person = generatePerson(options, index);
  const files = emitHl7v2Messages(person, options);
  const messages = splitHl7Messages(files[0]!.content).map((m) => parseHl7Message(m.text));
  return { person, files, messages };
}

describe('emitHl7v2Messages', () => {
  it('writes one file per person, deterministically, with CR segments and one message per line', () => {
    const { person, files } = messagesOf(3);
    expect(files.map((f) => f.path)).toEqual([`${person.key}.hl7`]);
    expect(emitHl7v2Messages(person, options)).toEqual(files);
    const lines = files[0]!.content.trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith('MSH|^~\\&|'))).toBe(true);
    expect(lines.every((line) => line.includes('\rPID|'))).toBe(true);
  });

  it('emits every hospital visit and lab result of the person, in time order', () => {
    for (let index = 0; index < options.size; index++) {
      const { person, messages } = messagesOf(index);
      const visits = person.encounters.filter((e) => e.source === 'ehr-hl7v2');
      const types = messages.map((m) => get(m, 'MSH', 9, 1, 2));
      expect(types.filter((t) => t === 'A03')).toHaveLength(visits.length);
      expect(types.filter((t) => t === 'A01' || t === 'A04')).toHaveLength(visits.length);
      const labs = visits.flatMap((v) => v.labs);
      const obx = messages.flatMap((m) => findSegments(m, 'OBX'));
      // Every result once (messages are in time order, results in panel order).
      expect(obx.map((o) => getValue(o, 3, 1, 1)).sort()).toEqual(
        labs.map((l) => labByKey(l.key).loinc.code).sort(),
      );
      const panels = new Set(
        visits.flatMap((v) => v.labs.map((l) => `${v.id}:${l.panel ?? l.id}`)),
      );
      expect(types.filter((t) => t === 'R01')).toHaveLength(panels.size);
      const times = messages.map((m) => parseHl7DateTime(get(m, 'MSH', 7))!.instant.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const ids = messages.map((m) => get(m, 'MSH', 10));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('identifies the patient by lab id and Riverside MRN, with SSN, and writes values with flags', () => {
    const { person, messages } = messagesOf(0);
    const pid = findSegment(messages[0]!, 'PID')!;
    expect(getValue(pid, 3, 1, 1)).toBe(person.ids.hl7PatientId);
    expect(getValue(pid, 3, 1, 4)).toBe(VENDOR_SYSTEMS.hospitalLabAuthority);
    expect(getValue(pid, 3, 1, 5)).toBe('PI');
    expect(getValue(pid, 3, 2, 1)).toBe(person.ids.mrn);
    expect(getValue(pid, 3, 2, 4)).toBe(VENDOR_SYSTEMS.riversideMrnAuthority);
    expect(getValue(pid, 19)).toBe(person.ssn);
    expect(get(messages[0]!, 'MSH', 3)).toBe(VENDOR_SYSTEMS.hl7SendingApplication);
    const oru = messages.find((m) => get(m, 'MSH', 9, 1, 1) === 'ORU')!;
    const first = findSegment(oru, 'OBX')!;
    const lab = person.encounters
      .filter((e) => e.source === 'ehr-hl7v2')
      .flatMap((e) => e.labs)[0]!;
    const definition = labByKey(lab.key);
    expect(Number(getValue(first, 5))).toBeCloseTo(lab.value as number, 5);
    expect(getValue(first, 6, 1, 3)).toBe('UCUM');
    const expected =
      definition.low !== undefined && (lab.value as number) < definition.low
        ? 'L'
        : definition.high !== undefined && (lab.value as number) > definition.high
          ? 'H'
          : 'N';
    expect(getValue(first, 8)).toBe(expected);
    expect(parseHl7DateTime(getValue(first, 14))!.instant.toISOString()).toBe(
      new Date(lab.effective).toISOString(),
    );
  });

  it('uses US Eastern offsets, daylight saving included', () => {
    expect(easternOffset(new Date('2026-01-15T12:00:00Z'))).toBe(-300);
    expect(easternOffset(new Date('2026-07-15T12:00:00Z'))).toBe(-240);
    expect(easternOffset(new Date('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(easternOffset(new Date('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(easternOffset(new Date('2026-11-01T05:59:59Z'))).toBe(-240);
    expect(easternOffset(new Date('2026-11-01T06:00:00Z'))).toBe(-300);
  });
});
