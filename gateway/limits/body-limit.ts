import type { IncomingMessage } from 'node:http';
import { limitExceeded, type LimitError } from './limit-error';

function tooLarge(measured: number, limit: number): LimitError {
  const error = limitExceeded(
    'MAX_BODY_BYTES',
    `Request body is ${measured} bytes or more; the limit is ${limit} bytes`,
    measured,
    limit,
    413,
  );
  // The rest of an oversized body is not read, so the connection cannot be reused.
  error.headers.connection = 'close';
  return error;
}

/**
 * Reads a request body up to `limitBytes`, refusing with 413 and reason
 * MAX_BODY_BYTES as soon as the declared length or the bytes received pass it
 * (nothing past the limit is buffered). `measured` is the declared length, or the
 * bytes received when the body is chunked.
 */
export async function readLimitedBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume(); // discard, so the client can read the answer instead of a reset
    throw tooLarge(declared, limitBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) {
      req.resume();
      throw tooLarge(size, limitBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}
