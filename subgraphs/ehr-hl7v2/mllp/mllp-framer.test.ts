import { MllpFramer, frameMessage } from './mllp-framer';

const frames = (events: ReturnType<MllpFramer['push']>) =>
  events.map((e) => (e.type === 'frame' ? e.payload.toString() : `<${e.type}>`));

describe('MllpFramer', () => {
  it('returns whole frames across chunk boundaries and several frames per chunk', () => {
    const framer = new MllpFramer(1000);
    const wire = Buffer.concat([frameMessage('MSH|one'), frameMessage('MSH|two')]);
    const out: string[] = [];
    for (let i = 0; i < wire.length; i += 3)
      out.push(...frames(framer.push(wire.subarray(i, i + 3))));
    expect(out).toEqual(['MSH|one', 'MSH|two']);
    expect(frames(framer.push(Buffer.concat([frameMessage('a'), frameMessage('b')])))).toEqual([
      'a',
      'b',
    ]);
    expect(framer.hasPartialFrame).toBe(false);
  });

  it('tolerates a missing CR after FS, blank bytes between frames and a missing VT', () => {
    const framer = new MllpFramer(1000);
    expect(frames(framer.push(Buffer.from('\x0bone\x1c\r\n \x0btwo\x1cthree\x1c\r')))).toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('reports frames over the limit and frames cut short by a new VT', () => {
    const framer = new MllpFramer(10);
    expect(frames(framer.push(Buffer.from(`\x0b${'x'.repeat(50)}\x1c\r\x0bok\x1c\r`)))).toEqual([
      '<oversized>',
      'ok',
    ]);
    expect(frames(framer.push(Buffer.from('\x0bhalf\x0bwhole\x1c\r')))).toEqual([
      '<truncated>',
      'whole',
    ]);
  });
});
