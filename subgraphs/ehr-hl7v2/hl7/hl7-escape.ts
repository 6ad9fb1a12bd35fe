import type { Hl7Encoding } from './hl7-message';

/**
 * HL7 v2 escape sequences (v2.5.1 chapter 2.7): delimiter escapes (\F\ \S\ \T\ \R\
 * \E\ \P\), hexadecimal data (\Xhh..\), formatting commands of FT/TX fields (\.br\,
 * \.sp n\, \.sk n\, ...), highlighting (\H\ \N\) and character set switches
 * (\Cxxyy\ \Mxxyyzz\). Unknown or unterminated sequences are kept literally: a
 * sender's stray backslash must not eat the rest of a value.
 */
export function unescapeHl7(text: string, encoding: Hl7Encoding): string {
  const esc = encoding.escape;
  if (!esc || !text.includes(esc)) return text;
  let out = '';
  let position = 0;
  while (position < text.length) {
    const start = text.indexOf(esc, position);
    if (start < 0) break;
    const end = text.indexOf(esc, start + 1);
    if (end < 0) break;
    out += text.slice(position, start);
    const sequence = text.slice(start + 1, end);
    const replaced = replaceSequence(sequence, encoding);
    if (replaced === null) {
      // Not an escape sequence: keep the escape character and look again after it.
      out += esc;
      position = start + 1;
      continue;
    }
    out += replaced;
    position = end + 1;
  }
  return out + text.slice(position);
}

function replaceSequence(sequence: string, encoding: Hl7Encoding): string | null {
  switch (sequence) {
    case 'F':
      return encoding.field;
    case 'S':
      return encoding.component;
    case 'T':
      return encoding.subcomponent;
    case 'R':
      return encoding.repetition;
    case 'E':
      return encoding.escape;
    case 'P':
      return encoding.truncation || null;
    case 'H':
    case 'N':
      return '';
    case '':
      return null;
  }
  const head = sequence[0];
  if (head === 'X' && /^X([0-9A-Fa-f]{2})+$/.test(sequence)) return decodeHex(sequence.slice(1));
  if ((head === 'C' || head === 'M') && /^[CM][0-9A-Fa-f]{4,6}$/.test(sequence)) return '';
  if (head === '.') return formatting(sequence.slice(1));
  return null;
}

function decodeHex(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  const utf8 = bytes.toString('utf8');
  // A lone high byte (\XE9\) is not UTF-8: read it as Latin-1, which is what
  // senders that hex-escape single bytes almost always mean.
  return utf8.includes('\ufffd') ? bytes.toString('latin1') : utf8;
}

function formatting(command: string): string | null {
  const match = /^(br|sp|in|ti|sk|ce|fi|nf)\s*([+-]?\d+)?$/.exec(command);
  if (!match) return null;
  const count = match[2] === undefined ? 1 : Math.max(0, Math.min(100, Number(match[2])));
  switch (match[1]) {
    case 'br':
    case 'ce':
      return '\n';
    case 'sp':
      return '\n'.repeat(Math.max(1, count));
    case 'sk':
      return ' '.repeat(count);
    default:
      return '';
  }
}

/** Escapes a value for one position of a message written with `encoding`. */
export function escapeHl7(text: string, encoding: Hl7Encoding): string {
  const esc = encoding.escape || '\\';
  let out = '';
  for (const char of text) {
    if (char === esc) out += `${esc}E${esc}`;
    else if (char === encoding.field) out += `${esc}F${esc}`;
    else if (char === encoding.component) out += `${esc}S${esc}`;
    else if (char === encoding.subcomponent && encoding.subcomponent) out += `${esc}T${esc}`;
    else if (char === encoding.repetition) out += `${esc}R${esc}`;
    else if (char === encoding.truncation && encoding.truncation) out += `${esc}P${esc}`;
    else if (char === '\n') out += `${esc}.br${esc}`;
    else if (char === '\r') out += `${esc}X0D${esc}`;
    else out += char;
  }
  return out;
}
