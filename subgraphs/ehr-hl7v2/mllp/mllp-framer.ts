/**
 * MLLP framing (HL7 v2 Appendix C, "Minimal Lower Layer Protocol"): every message
 * travels as <VT> payload <FS><CR>. The framer is fed TCP chunks as they arrive
 * (a frame may span many chunks, a chunk may hold many frames) and returns whole
 * payloads. Liberal where senders are sloppy: a missing <CR> after <FS>, blank
 * bytes between frames and a missing <VT> are accepted.
 */
export const VT = 0x0b;
export const FS = 0x1c;
export const CR = 0x0d;

export type MllpEvent =
  | { type: 'frame'; payload: Buffer }
  /** A frame larger than the limit: dropped, its first bytes kept to answer it. */
  | { type: 'oversized'; head: Buffer }
  /** A new <VT> arrived before the frame before it ended: that frame is incomplete. */
  | { type: 'truncated'; head: Buffer };

const HEAD_BYTES = 4096;
const BLANK = new Set([CR, 0x0a, 0x20, 0x09, FS]);

export class MllpFramer {
  private chunks: Buffer[] = [];
  private size = 0;
  private inFrame = false;
  private oversized = false;

  constructor(private readonly maxFrameBytes: number) {}

  /** True while a frame is open (bytes received, end not yet). */
  get hasPartialFrame(): boolean {
    return this.inFrame;
  }

  push(chunk: Buffer): MllpEvent[] {
    const events: MllpEvent[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.inFrame) {
        while (offset < chunk.length && BLANK.has(chunk[offset]!)) offset++;
        if (offset >= chunk.length) break;
        this.inFrame = true;
        if (chunk[offset] === VT) offset++;
        continue;
      }
      const end = chunk.indexOf(FS, offset);
      const restart = chunk.indexOf(VT, offset);
      if (restart >= 0 && (end < 0 || restart < end)) {
        this.append(chunk.subarray(offset, restart));
        events.push({ type: 'truncated', head: this.head() });
        this.reset();
        offset = restart;
        continue;
      }
      if (end < 0) {
        this.append(chunk.subarray(offset));
        break;
      }
      this.append(chunk.subarray(offset, end));
      events.push(
        this.oversized
          ? { type: 'oversized', head: this.head() }
          : { type: 'frame', payload: Buffer.concat(this.chunks, this.size) },
      );
      this.reset();
      offset = end + 1;
    }
    return events;
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.oversized) return;
    this.chunks.push(bytes);
    this.size += bytes.length;
    if (this.size > this.maxFrameBytes) {
      const head = this.head();
      this.chunks = [head];
      this.size = head.length;
      this.oversized = true;
    }
  }

  private head(): Buffer {
    return Buffer.concat(this.chunks, this.size).subarray(0, HEAD_BYTES);
  }

  private reset(): void {
    this.chunks = [];
    this.size = 0;
    this.inFrame = false;
    this.oversized = false;
  }
}

/** Wraps a message in an MLLP frame. */
export function frameMessage(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const frame = Buffer.allocUnsafe(body.length + 3);
  frame[0] = VT;
  body.copy(frame, 1);
  frame[body.length + 1] = FS;
  frame[body.length + 2] = CR;
  return frame;
}
