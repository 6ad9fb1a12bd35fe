import { decodeHl7Bytes } from './hl7-charset';

const message = (charset: string, name: string) =>
  `MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5|||||||${charset}\rPID|1||X||${name}`;

describe('decodeHl7Bytes', () => {
  it('reads UTF-8 by default and when MSH-18 says so', () => {
    expect(decodeHl7Bytes(Buffer.from(message('', 'Mejía'), 'utf8'))).toContain('Mejía');
    expect(decodeHl7Bytes(Buffer.from(message('UNICODE UTF-8', 'Zoë'), 'utf8'))).toContain('Zoë');
  });

  it('reads ISO 8859-1 when MSH-18 declares it, or when undeclared bytes are not UTF-8', () => {
    expect(decodeHl7Bytes(Buffer.from(message('8859/1', 'Mejía'), 'latin1'))).toContain('Mejía');
    expect(decodeHl7Bytes(Buffer.from(message('', 'Mejía'), 'latin1'))).toContain('Mejía');
  });
});
