/** One line of an NDJSON stream, or the note that it was too long to keep. */
export interface NdjsonLine {
  /** 1-based line number. */
  number: number;
  text: string | null;
  /** Set when the line was longer than the limit (its text is dropped). */
  tooLong?: boolean;
}

/**
 * Splits a byte stream into lines without holding more than one line (plus one read
 * chunk) in memory. Bytes are decoded per line, so a UTF-8 character split across
 * chunks is not corrupted. Blank lines are skipped (their numbers still count);
 * a trailing CR (CRLF files) is dropped.
 */
export async function* ndjsonLines(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  maxLineBytes = 16 * 1024 * 1024,
): AsyncGenerator<NdjsonLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let number = 0;
  const emit = (): NdjsonLine | null => {
    number++;
    const wasOverflow = overflow;
    const buffer = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    overflow = false;
    if (wasOverflow) return { number, text: null, tooLong: true };
    const text = buffer
      .toString('utf8')
      .replace(/\r$/, '')
      .replace(/^\uFEFF/, '');
    return text.trim().length === 0 ? null : { number, text };
  };
  for await (const raw of source) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw);
    for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10)) {
      take(chunk.subarray(0, newline));
      chunk = chunk.subarray(newline + 1);
      const line = emit();
      if (line) yield line;
    }
    take(chunk);
  }
  if (pendingBytes > 0 || overflow) {
    const line = emit();
    if (line) yield line;
  }

  function take(part: Buffer): void {
    if (overflow || part.length === 0) return;
    if (pendingBytes + part.length > maxLineBytes) {
      overflow = true;
      pending = [];
      pendingBytes = 0;
      return;
    }
    pending.push(Buffer.from(part));
    pendingBytes += part.length;
  }
}
