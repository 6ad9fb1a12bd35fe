import { writeGraphQLResponse } from './write-graphql-response';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { readBody } from './request-body';

/**
 * Serves an ApolloServer over a plain node:http request. Apollo's own
 * `executeHTTPGraphQLRequest` does parsing, CSRF prevention and content
 * negotiation; this only moves bytes, so no web framework sits in the hot path.
 */
export async function handleGraphQLRequest<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: () => Promise<TContext>,
  maxBodyBytes: number,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = undefined;
  if (req.method === 'POST') {
    const raw = await readBody(req, maxBodyBytes);
    const contentType = headers.get('content-type') ?? '';
    // Apollo expects a parsed JSON body; anything else it rejects with a 400 itself.
    if (raw.length > 0 && contentType.includes('json')) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            errors: [{ message: 'Body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
          }),
        );
        return;
      }
    } else {
      body = raw.toString('utf8');
    }
  }
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context,
  });
  await writeGraphQLResponse(res, response);
}
