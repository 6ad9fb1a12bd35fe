/**
 * Bytes of one message to text. MSH-18 names the character set; UTF-8 (UNICODE
 * UTF-8) is the default this feed assumes, ISO 8859-1 the common legacy one. A
 * sender that declares nothing but sends Latin-1 bytes (invalid as UTF-8) is read
 * as Latin-1 rather than turned into replacement characters.
 */
const LATIN1_NAMES = new Set(['8859/1', '8859/15', 'ASCII', 'WINDOWS-1252', 'CP1252']);

function declaredCharset(head: string): string {
  const firstLine = head.split(/[\r\n]/, 1)[0] ?? '';
  if (!firstLine.startsWith('MSH') || firstLine.length < 4) return '';
  const parts = firstLine.split(firstLine[3]!);
  // parts[n - 1] is MSH-n (MSH-1 is the separator the split consumed).
  const field = parts[17] ?? '';
  const repetition = parts[1]?.[1];
  return (repetition ? field.split(repetition)[0]! : field).trim().toUpperCase();
}

export function decodeHl7Bytes(bytes: Buffer): string {
  const start = bytes.indexOf('MSH');
  const head = bytes.subarray(Math.max(0, start), Math.max(0, start) + 2048).toString('latin1');
  const charset = declaredCharset(head);
  if (LATIN1_NAMES.has(charset)) return bytes.toString('latin1');
  const text = bytes.toString('utf8');
  return !charset && text.includes('\ufffd') ? bytes.toString('latin1') : text;
}
