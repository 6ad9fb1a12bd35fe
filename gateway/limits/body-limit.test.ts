import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readLimitedBody } from './body-limit';
import { LimitError, sendLimitError } from './limit-error';

describe('readLimitedBody', () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      readLimitedBody(req, 100).then(
        (body) => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(String(body.length));
        },
        (error: unknown) => {
          if (error instanceof LimitError) sendLimitError(res, error);
          else res.destroy();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('returns a body within the limit', async () => {
    const response = await fetch(url, { method: 'POST', body: 'x'.repeat(100) });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('100');
  });

  it('refuses a declared length over the limit with 413, reason, measured and limit', async () => {
    const response = await fetch(url, { method: 'POST', body: 'x'.repeat(5000) });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({
      errors: [
        {
          message: expect.stringContaining('limit is 100 bytes'),
          extensions: {
            code: 'BAD_USER_INPUT',
            reason: 'MAX_BODY_BYTES',
            measured: 5000,
            limit: 100,
          },
        },
      ],
    });
  });

  it('refuses a chunked body once the bytes received pass the limit', async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(url, { method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('x'.repeat(60));
      setTimeout(() => req.end('y'.repeat(60)), 20);
    });
    expect(status.status).toBe(413);
    const body = JSON.parse(status.body) as { errors: { extensions: { measured: number } }[] };
    expect(body.errors[0]!.extensions.measured).toBe(120);
  });
});
