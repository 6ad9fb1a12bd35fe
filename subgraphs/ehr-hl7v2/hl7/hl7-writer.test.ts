import { get } from './hl7-access';
import { DEFAULT_ENCODING } from './hl7-message';
import { parseHl7Message } from './hl7-parser';
import { splitHl7Messages } from './hl7-split';
import { encodeMessage, encodeMshSegment, encodeSegment, repeated } from './hl7-writer';

describe('encodeSegment', () => {
  it('writes fields, components, subcomponents and repetitions, escaping values', () => {
    expect(
      encodeSegment('PID', [
        '1',
        null,
        repeated(['H1', null, null, 'RVLAB', 'PI'], ['M|1', null, null, ['AUTH', '1.2', 'ISO']]),
        null,
        ['Doe', 'Jane'],
        null,
        null,
      ]),
    ).toBe('PID|1||H1^^^RVLAB^PI~M\\F\\1^^^AUTH&1.2&ISO||Doe^Jane');
    expect(encodeSegment('NTE', [])).toBe('NTE');
  });

  it('round-trips through the parser, with custom delimiters too', () => {
    const custom = { ...DEFAULT_ENCODING, field: '#', component: '@' };
    for (const encoding of [DEFAULT_ENCODING, custom]) {
      const text = encodeMessage([
        encodeMshSegment(
          ['A', 'B', 'C', 'D', '20240101', null, ['ADT', 'A01'], 'X1', 'P', '2.5'],
          encoding,
        ),
        encodeSegment('NTE', ['1', null, 'a|b^c#d@e'], encoding),
      ]);
      const message = parseHl7Message(text);
      expect(get(message, 'MSH', 9, 1, 2)).toBe('A01');
      expect(get(message, 'NTE', 3)).toBe('a|b^c#d@e');
    }
  });
});

describe('splitHl7Messages', () => {
  const msg = (id: string) => `MSH|^~\\&|A|B|C|D|2024||ADT^A01|${id}|P|2.5\rPID|1||${id}`;

  it('splits on MSH whatever the separators, reporting each message line', () => {
    const text = `\ufeff${msg('1').replace('\r', '\n')}\n\n${msg('2').replace('\r', '\r\n')}\r\n${msg('3')}`;
    const parts = splitHl7Messages(text);
    expect(parts.map((p) => [p.line, get(parseHl7Message(p.text), 'MSH', 10)])).toEqual([
      [1, '1'],
      [4, '2'],
      [6, '3'],
    ]);
  });

  it('drops batch envelopes and MLLP framing', () => {
    const batch = `FHS|^~\\&|A\rBHS|^~\\&|A\r${msg('1')}\r${msg('2')}\rBTS|2\rFTS|1\r`;
    expect(splitHl7Messages(batch).map((p) => p.text)).toEqual([msg('1'), msg('2')]);
    const framed = `\x0b${msg('1')}\r\x1c\r\x0b${msg('2')}\r\x1c\r`;
    expect(splitHl7Messages(framed).map((p) => p.text)).toEqual([msg('1'), msg('2')]);
  });

  it('reports text outside any message instead of dropping it', () => {
    const parts = splitHl7Messages(`garbage line\r${msg('1')}`);
    expect(parts[0]).toMatchObject({
      line: 1,
      error: expect.stringMatching(/outside any message/),
    });
    expect(parts[1]?.text).toBe(msg('1'));
  });
});
