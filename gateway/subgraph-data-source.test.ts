import http from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { graphql, type GraphQLSchema } from 'graphql';
import { maskUnexpectedError } from '../subgraphs/shared/errors';
import { generateAssertionKeyPair, loadPrivateKey } from '../subgraphs/shared/identity-assertion';
import { createLogger } from '../subgraphs/shared/logger';
import { ANONYMOUS } from '../subgraphs/shared/requester';
import type { GatewayContext } from './gateway-context';
import { SubgraphDataSource, type SubgraphCall } from './subgraph-data-source';
import { createSubgraphFetcher } from './subgraph-fetcher';
import { disableApolloTelemetry } from './telemetry';
import { PARTIAL_THINGS, thingSchemas, thingSupergraph } from './testing/thing-subgraphs';

/**
 * Two tiny Federation 2 subgraphs on port 0 (`core` owns Thing, `extra` adds a
 * nullable field to it) and two gateways over them: stock Apollo
 * (RemoteGraphQLDataSource) and PatientGraph's data source. Whatever `extra` does
 * wrong, both must put nulls and partial data in the same places; only the
 * errors differ: typed, naming the subgraph, without internals.
 */
type Mode = 'ok' | 'status-503' | 'status-401' | 'reset' | 'hang' | 'graphql-errors' | 'html';

function serve(schema: GraphQLSchema, mode: () => Mode): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const current = mode();
      if (current === 'hang') return;
      if (current === 'reset') return void req.socket.destroy();
      if (current === 'status-503' || current === 'status-401') {
        res.writeHead(current === 'status-503' ? 503 : 401, { 'content-type': 'text/plain' });
        return void res.end('upstream says no: /var/lib/secret at 10.1.2.3');
      }
      if (current === 'html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html>proxy login</html>');
      }
      const body = JSON.parse(raw) as { query: string; variables?: Record<string, unknown> };
      void graphql({ schema, source: body.query, variableValues: body.variables }).then(
        (result) => {
          const json =
            current === 'graphql-errors'
              ? {
                  data: { _entities: [null, null] },
                  errors: [
                    { message: 'Consent needed', extensions: { code: 'CONSENT_REQUIRED' } },
                    { message: 'SELECT * FROM secrets', extensions: { code: 'PRISMA_P2002' } },
                  ],
                }
              : result;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        },
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('SubgraphDataSource failures', () => {
  let extraMode: Mode = 'ok';
  const servers: http.Server[] = [];
  const gateways: ApolloServer<GatewayContext>[] = [];
  let ours: ApolloServer<GatewayContext>;
  let stock: ApolloServer<GatewayContext>;
  const calls: SubgraphCall[] = [];
  const TIMEOUT_MS = 300;
  const context: GatewayContext = {
    requestId: 'test-request',
    requester: ANONYMOUS,
    logger: createLogger('test', 'silent'),
  };

  beforeAll(async () => {
    disableApolloTelemetry();
    const { core, extra } = thingSchemas();
    servers.push(await serve(core, () => 'ok'), await serve(extra, () => extraMode));
    const supergraphSdl = thingSupergraph(servers[0]!, servers[1]!);
    const privateKey = loadPrivateKey(generateAssertionKeyPair().privateKeyPem);
    const fetcher = createSubgraphFetcher({ timeoutMs: TIMEOUT_MS });
    const start = async (buildService: ConstructorParameters<typeof ApolloGateway>[0]) => {
      const server = new ApolloServer<GatewayContext>({
        gateway: new ApolloGateway(buildService),
        formatError: (formatted) => maskUnexpectedError(formatted),
        includeStacktraceInErrorResponses: false,
        stopOnTerminationSignals: false,
      });
      await server.start();
      gateways.push(server);
      return server;
    };
    ours = await start({
      supergraphSdl,
      buildService: ({ name, url }) =>
        new SubgraphDataSource(name, url!, privateKey, fetcher, {
          timeoutMs: TIMEOUT_MS,
          onCallEnded: (_, call) => calls.push(call),
        }),
    });
    stock = await start({
      supergraphSdl,
      buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher }),
    });
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  beforeEach(() => {
    calls.length = 0;
  });

  async function run(server: ApolloServer<GatewayContext>) {
    const response = await server.executeOperation(
      { query: '{ things { id name score } }' },
      { contextValue: context },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  }

  it('answers in full when every subgraph does', async () => {
    extraMode = 'ok';
    const result = await run(ours);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      things: [
        { id: '1', name: 'one', score: 7 },
        { id: '2', name: 'two', score: 7 },
      ],
    });
    expect(calls.map((c) => [c.subgraph, c.failure])).toEqual([
      ['core', undefined],
      ['extra', undefined],
    ]);
  });

  it.each([
    [
      'a 5xx answer',
      'status-503' as Mode,
      'HTTP_STATUS',
      'Subgraph extra is unavailable (HTTP 503)',
    ],
    ['a reset connection', 'reset' as Mode, 'UNREACHABLE', 'Subgraph extra could not be reached'],
    [
      'silence past the timeout',
      'hang' as Mode,
      'TIMEOUT',
      'Subgraph extra did not answer within 300 ms',
    ],
  ])(
    'turns %s into partial data and UPSTREAM_UNAVAILABLE naming the subgraph',
    async (_, mode, reason, message) => {
      extraMode = mode;
      const started = Date.now();
      const [mine, theirs] = [await run(ours), await run(stock)];
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(mine.data).toEqual(PARTIAL_THINGS);
      expect(theirs.data).toEqual(mine.data); // nulls exactly where Apollo puts them
      expect(mine.errors).toEqual([
        {
          message,
          extensions: {
            code: 'UPSTREAM_UNAVAILABLE',
            subgraph: 'extra',
            serviceName: 'extra',
            reason,
          },
        },
      ]);
      expect(calls.find((c) => c.subgraph === 'extra')?.failure?.reason).toBe(reason);
    },
  );

  it('turns a 4xx refusal and a non-JSON answer into INTERNAL naming the subgraph, with no internals', async () => {
    for (const mode of ['status-401', 'html'] as Mode[]) {
      extraMode = mode;
      const [mine, theirs] = [await run(ours), await run(stock)];
      expect(mine.data).toEqual(PARTIAL_THINGS);
      expect(theirs.data).toEqual(mine.data);
      expect(mine.errors).toHaveLength(1);
      expect(mine.errors![0]).toMatchObject({
        message: 'Internal error',
        extensions: { code: 'INTERNAL', subgraph: 'extra' },
      });
      expect(JSON.stringify(mine.errors)).not.toMatch(/secret|10\.1\.2\.3|127\.0\.0\.1|html|stack/);
    }
  });

  it('passes errors a subgraph answers with through as Apollo does, masking unknown codes', async () => {
    extraMode = 'graphql-errors';
    const [mine, theirs] = [await run(ours), await run(stock)];
    expect(mine.data).toEqual(PARTIAL_THINGS);
    expect(mine).toEqual(theirs);
    expect(mine.errors).toEqual([
      expect.objectContaining({
        message: 'Consent needed',
        extensions: { code: 'CONSENT_REQUIRED', serviceName: 'extra' },
      }),
      { message: 'Internal error', extensions: { code: 'INTERNAL' } },
    ]);
    expect(calls.find((c) => c.subgraph === 'extra')?.failure).toBeUndefined();
  });

  it('recovers as soon as the subgraph does', async () => {
    extraMode = 'ok';
    expect((await run(ours)).errors).toBeUndefined();
  });
});
