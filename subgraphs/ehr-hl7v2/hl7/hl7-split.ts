/**
 * Splits a file (or HTTP body) into messages: one message per MSH, whatever the
 * segment separators (CR, LF, CRLF), with HL7 batch envelopes (FHS/BHS/BTS/FTS)
 * dropped and MLLP framing bytes (files captured off the wire) ignored.
 */
export interface SplitMessage {
  /** The message's segments joined with CR, ready to send. */
  text: string;
  /** 1-based line (segment line) of its MSH in the input. */
  line: number;
  /** Set for text that is not part of any message (before the first MSH). */
  error?: string;
}

const ENVELOPE = /^(FHS|BHS|BTS|FTS)/;

export function splitHl7Messages(input: string): SplitMessage[] {
  const text = input
    .replace(/^\ufeff/, '')
    // eslint-disable-next-line no-control-regex -- MLLP framing bytes (VT, FS) are control characters
    .replace(/\x0b/g, '\n')
    // eslint-disable-next-line no-control-regex -- MLLP framing bytes (VT, FS) are control characters
    .replace(/\x1c/g, '\n');
  const out: SplitMessage[] = [];
  let current: { lines: string[]; line: number; orphan: boolean } | undefined;
  const flush = () => {
    if (!current) return;
    const entry: SplitMessage = { text: current.lines.join('\r'), line: current.line };
    if (current.orphan) entry.error = 'Text outside any message (no MSH segment before it)';
    out.push(entry);
    current = undefined;
  };
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.replace(/^\ufeff/, '');
    if (line.trim().length === 0) return;
    if (line.startsWith('MSH')) {
      flush();
      current = { lines: [line], line: index + 1, orphan: false };
    } else if (ENVELOPE.test(line)) {
      // The envelope closes the message before it; its own fields are batch metadata.
      flush();
    } else if (current) {
      current.lines.push(line);
    } else {
      current = { lines: [line], line: index + 1, orphan: true };
    }
  });
  flush();
  return out;
}
