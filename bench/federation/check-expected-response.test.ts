import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CaseCheckError } from '../bench-case';
import { checkExpectedResponse } from './check-expected-response';

describe('checkExpectedResponse', () => {
  let server: http.Server;
  let url: string;
  let reply: { status: number; body: unknown };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const expected = { data: { users: [{ id: '1', name: 'Uri Goldshtein' }] } };

  it('passes a gateway that returns the expected response', async () => {
    reply = { status: 200, body: expected };
    await expect(checkExpectedResponse(url, 'gw', '{ users { id } }', expected)).resolves.toBe(
      undefined,
    );
  });

  it('fails the case on a different value, naming where', async () => {
    reply = { status: 200, body: { data: { users: [{ id: '1', name: null }] } } };
    const check = checkExpectedResponse(url, 'gw', '{ users { id } }', expected);
    await expect(check).rejects.toBeInstanceOf(CaseCheckError);
    await expect(checkExpectedResponse(url, 'gw', '{ users { id } }', expected)).rejects.toThrow(
      'gw does not return expected-response.json: $.data.users[0].name',
    );
  });

  it('fails the case on an HTTP error or GraphQL errors', async () => {
    reply = { status: 400, body: { errors: [{ message: 'bad' }] } };
    await expect(checkExpectedResponse(url, 'gw', '{', expected)).rejects.toThrow(/HTTP 400/);
    reply = { status: 200, body: { ...expected, errors: [{ message: 'partial' }] } };
    await expect(checkExpectedResponse(url, 'gw', '{ x }', expected)).rejects.toThrow(
      /\$\.errors: unexpected/,
    );
  });

  it('fails the case when the gateway cannot be reached', async () => {
    await expect(
      checkExpectedResponse('http://127.0.0.1:1/graphql', 'gw', '{ x }', expected),
    ).rejects.toThrow(/request failed/);
  });
});
