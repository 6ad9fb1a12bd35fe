import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import {
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';

const MAX_BODY_BYTES = 1_000_000;
const DOCUMENT_CACHE_LIMIT = 500;

interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function badRequest(res: ServerResponse, message: string): void {
  send(res, 400, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A minimal GraphQL-over-HTTP server for the benchmark subgraphs: POST JSON in,
 * JSON out, parsed and validated documents cached by their text. The reference
 * subgraphs are Rust (async-graphql): a full Apollo Server here would make the
 * subgraphs, not the gateway, the thing the benchmark measures.
 */
export function createGraphQLHttpServer(schema: GraphQLSchema): http.Server {
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

  const documentFor = (query: string): DocumentNode | readonly GraphQLError[] => {
    const cached = documents.get(query);
    if (cached) return cached;
    let result: DocumentNode | readonly GraphQLError[];
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      result = errors.length > 0 ? errors : document;
    } catch (error) {
      result = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
    }
    if (documents.size >= DOCUMENT_CACHE_LIMIT) documents.clear();
    documents.set(query, result);
    return result;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
    if (req.method !== 'POST') return send(res, 405, { errors: [{ message: 'POST only' }] });
    const raw = await readBody(req);
    if (raw === undefined) return send(res, 413, { errors: [{ message: 'Body too large' }] });
    let body: GraphQLBody;
    try {
      body = JSON.parse(raw) as GraphQLBody;
    } catch {
      return badRequest(res, 'Body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || typeof body.query !== 'string')
      return badRequest(res, 'Body must be a JSON object with a "query" string');
    const document = documentFor(body.query);
    if (!('kind' in document)) return send(res, 400, { errors: document });
    const result: ExecutionResult = await execute({
      schema,
      document,
      variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
      contextValue: {},
    });
    send(res, 200, result);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      send(res, 500, { errors: [{ message: (error as Error).message ?? 'Internal error' }] });
    });
  });
  // The gateways keep connections to subgraphs open; do not drop them between bursts.
  server.keepAliveTimeout = 65_000;
  return server;
}
