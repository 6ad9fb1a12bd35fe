import { ndjsonLines, type NdjsonLine } from './ndjson-lines';

async function collect(chunks: (string | Buffer)[], max?: number): Promise<NdjsonLine[]> {
  async function* source() {
    for (const chunk of chunks) yield chunk;
  }
  const lines: NdjsonLine[] = [];
  for await (const line of ndjsonLines(source(), max)) lines.push(line);
  return lines;
}

describe('ndjsonLines', () => {
  it('splits across chunk boundaries, skips blank lines and handles CRLF', async () => {
    const lines = await collect(['{"a":1}\r\n{"b"', ':2}\n\n  \n{"c":3}']);
    expect(lines).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '{"b":2}' },
      { number: 5, text: '{"c":3}' },
    ]);
  });

  it('keeps multi-byte characters split between chunks intact', async () => {
    const bytes = Buffer.from('{"n":"Mejía"}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const lines = await collect([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(lines[0]?.text).toBe('{"n":"Mejía"}');
  });

  it('flags a line past the limit instead of buffering it', async () => {
    const lines = await collect(['{"ok":1}\n', 'x'.repeat(30), 'y'.repeat(30), '\n{"ok":2}\n'], 40);
    expect(lines).toEqual([
      { number: 1, text: '{"ok":1}' },
      { number: 2, text: null, tooLong: true },
      { number: 3, text: '{"ok":2}' },
    ]);
  });
});
