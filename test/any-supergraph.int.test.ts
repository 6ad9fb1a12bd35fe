import fs from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { startServiceProcess, type ServiceProcess } from '../cli/stack/service-process';
import { maskUnexpectedError } from '../subgraphs/shared/errors';
import { generateAssertionKeyPair } from '../subgraphs/shared/identity-assertion';
import {
  composeFeatureSupergraph,
  startFeatureSubgraphs,
  type FeatureSubgraphs,
} from './fixtures/federation-features/feature-subgraphs';
import { makeTempDir } from './helpers/temp-dir';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

interface Case {
  name: string;
  /** A JSON body (POST), or a query string (GET). */
  body?: unknown;
  get?: string;
  /** What stock Apollo Gateway must answer, so both gateways cannot agree on a wrong answer. */
  expect: (response: { status: number; body: GraphQLBody }) => void;
}

const codes = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.code);

/**
 * PatientGraph's gateway serves any Federation 2 supergraph with the semantics of
 * stock @apollo/gateway. Four plain subgraphs (test/fixtures/federation-features:
 * @apollo/subgraph only, nothing of PatientGraph) are composed with
 * @apollo/composition; stock Apollo Gateway (in this process) and PatientGraph's
 * gateway (its real process, serving the file through SUPERGRAPH_FILE) answer the
 * same requests side by side, and the answers must be the same, status and body.
 *
 * The one deliberate difference, applied to the stock answer before comparing:
 * PatientGraph's gateway keeps error codes to a closed catalogue
 * (subgraphs/shared/errors.ts). An error whose `extensions.code` is neither one
 * of PatientGraph's codes nor one of Apollo's request codes (validation, parse)
 * is an unexpected failure whose message may leak internals, so it leaves as
 * `{ message: 'Internal error', extensions: { code: 'INTERNAL' } }` with its
 * path and locations kept (`maskUnexpectedError`). Stock Apollo passes such
 * messages through (INTERNAL_SERVER_ERROR, e.g. "Cannot return null for
 * non-nullable field ..." or a subgraph's exception text).
 */
describe('any Federation 2 supergraph, PatientGraph gateway vs stock @apollo/gateway', () => {
  const temp = makeTempDir('any-supergraph');
  let subgraphs: FeatureSubgraphs;
  let stock: { url: string; server: ApolloServer };
  let ours: ServiceProcess;

  beforeAll(async () => {
    subgraphs = await startFeatureSubgraphs();
    const supergraphSdl = composeFeatureSupergraph(subgraphs.endpoints);
    const supergraphFile = path.join(temp.dir, 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, supergraphSdl);

    // Stock Apollo phones home unless told not to before construction.
    process.env.APOLLO_TELEMETRY_DISABLED = 'true';
    const server = new ApolloServer({
      gateway: new ApolloGateway({ supergraphSdl }),
      plugins: [
        ApolloServerPluginUsageReportingDisabled(),
        ApolloServerPluginSchemaReportingDisabled(),
        ApolloServerPluginLandingPageDisabled(),
      ],
      includeStacktraceInErrorResponses: false,
      stopOnTerminationSignals: false,
    });
    const { url } = await startStandaloneServer(server, {
      listen: { port: 0, host: '127.0.0.1' },
    });
    stock = { url, server };

    const keys = generateAssertionKeyPair();
    ours = await startServiceProcess({
      name: 'gateway',
      entry: 'gateway/main.ts',
      env: {
        ...process.env,
        PATIENTGRAPH_HOME: temp.dir,
        HOST: '127.0.0.1',
        GATEWAY_PORT: '0',
        SUPERGRAPH_FILE: supergraphFile,
        GATEWAY_ASSERTION_PRIVATE_KEY: keys.privateKeyPem,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0',
      },
      logFile: path.join(temp.dir, 'gateway.log'),
    });
  }, 60_000);

  afterAll(async () => {
    await ours?.stop();
    await stock?.server.stop();
    await subgraphs?.close();
    temp.cleanup();
  });

  async function send(url: string, c: Case): Promise<{ status: number; body: GraphQLBody }> {
    const response =
      c.get !== undefined
        ? await fetch(`${url}?${c.get}`, { headers: { 'apollo-require-preflight': 'true' } })
        : await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(c.body),
          });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  }

  /** The stock answer with PatientGraph's one deliberate difference applied (see above). */
  function asPatientGraphAnswers(body: GraphQLBody): GraphQLBody {
    if (!body.errors) return body;
    return { ...body, errors: body.errors.map((e) => maskUnexpectedError(e)) };
  }

  const CASES: Case[] = [
    {
      name: 'entities across subgraphs, @requires, @override, @shareable',
      body: {
        query: `{ topProducts { upc name price inStock shippingEstimate dimensions { width }
                  reviews { body author { name username } } averageRating } }`,
      },
      expect: ({ status, body }) => {
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
        const products = body.data!.topProducts as Record<string, unknown>[];
        // @override: inventory's answer, never the catalog's (always false).
        expect(products.map((p) => p.inStock)).toEqual([true, false, true]);
        // @requires: computed from the catalog's price and weight.
        expect(products.map((p) => p.shippingEstimate)).toEqual([10, 0, 5]);
        expect(products[0]!.reviews).toEqual([
          { body: 'Love it', author: { name: 'Ada Lovelace', username: 'ada' } },
          { body: 'Too big', author: { name: 'Grace Hopper', username: 'grace' } },
        ]);
      },
    },
    {
      name: '@provides (author username from reviews) and @external',
      body: { query: '{ latestReviews(first: 2) { id author { id username } } }' },
      expect: ({ body }) =>
        expect(body.data).toEqual({
          latestReviews: [
            { id: 'r1', author: { id: 'u1', username: 'ada' } },
            { id: 'r2', author: { id: 'u2', username: 'grace' } },
          ],
        }),
    },
    {
      name: 'interfaces, @interfaceObject and inline fragments',
      body: {
        query: `{ allMedia { __typename id title
                  ... on Book { pages author { name } }
                  ... on Movie { minutes }
                  reviews { rating } } }`,
      },
      expect: ({ body }) =>
        expect(body.data).toEqual({
          allMedia: [
            {
              __typename: 'Book',
              id: 'b1',
              title: 'Dune',
              pages: 412,
              author: { name: 'Ada Lovelace' },
              reviews: [{ rating: 2 }],
            },
            {
              __typename: 'Movie',
              id: 'm1',
              title: 'Alien',
              minutes: 117,
              reviews: [{ rating: 4 }],
            },
            { __typename: 'Book', id: 'b2', title: 'Emma', pages: 320, author: null, reviews: [] },
          ],
        }),
    },
    {
      name: 'an interface entity reached from another subgraph (Review.media)',
      body: {
        query: `{ review(id: "r4") { media { __typename title ... on Movie { minutes } } } }`,
      },
      expect: ({ body }) =>
        expect(body.data).toEqual({
          review: { media: { __typename: 'Movie', title: 'Alien', minutes: 117 } },
        }),
    },
    {
      name: 'unions with named fragments',
      body: {
        query: `query Search($text: String!) { search(text: $text) { __typename ...Hit } }
                fragment Hit on SearchResult { ... on Product { upc inStock } ... on Book { title }
                  ... on Movie { title } }`,
        variables: { text: 'e' },
      },
      expect: ({ body }) =>
        expect(body.data).toEqual({
          search: [
            { __typename: 'Book', title: 'Dune' },
            { __typename: 'Movie', title: 'Alien' },
            { __typename: 'Book', title: 'Emma' },
            { __typename: 'Product', upc: 'p1', inStock: true },
          ],
        }),
    },
    {
      name: '@inaccessible field is not part of the API',
      body: { query: '{ users { id riskScore } }' },
      expect: ({ status, body }) => {
        expect(status).toBe(400);
        expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      },
    },
    {
      name: '@inaccessible enum value is not part of the API',
      body: { query: '{ users(status: ARCHIVED) { id } }' },
      expect: ({ status, body }) => {
        expect(status).toBe(400);
        expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      },
    },
    {
      name: 'enum argument and output',
      body: { query: '{ users(status: SUSPENDED) { id status address { city } } }' },
      expect: ({ body }) =>
        expect(body.data).toEqual({ users: [{ id: 'u3', status: 'SUSPENDED', address: null }] }),
    },
    {
      name: 'a root field error from a subgraph (NOT_FOUND), other root fields resolve',
      body: { query: '{ review(id: "nope") { id } me { username } }' },
      expect: ({ body }) => {
        expect(body.data).toEqual({ review: null, me: { username: 'ada' } });
        expect(codes(body)).toEqual(['NOT_FOUND']);
      },
    },
    {
      name: 'field errors with a code (FORBIDDEN) inside a list',
      body: { query: '{ latestReviews { id rating moderatorNote } }' },
      expect: ({ body }) => {
        expect((body.data!.latestReviews as unknown[]).length).toBe(4);
        expect(codes(body)).toEqual(['FORBIDDEN']);
        expect(body.errors![0]!.path).toEqual(['latestReviews', 1, 'moderatorNote']);
      },
    },
    {
      name: 'an unexpected subgraph exception (masked by PatientGraph: documented)',
      body: { query: '{ review(id: "r1") { id translation(language: "xx") } }' },
      expect: ({ body }) => {
        expect(body.data).toEqual({ review: { id: 'r1', translation: null } });
        expect(body.errors![0]!.message).toContain('translation backend');
      },
    },
    {
      name: 'an error in an entity fetch, for one entity of a list',
      body: { query: '{ users { id reviewCount } }' },
      expect: ({ body }) => {
        // User.reviewCount is non-null: u3's error nulls u3, which nulls the list.
        expect(body.data).toBeNull();
        expect(body.errors!.length).toBeGreaterThan(0);
      },
    },
    {
      name: 'an entity error stopping at a nullable field',
      body: { query: '{ a: user(id: "u1") { reviewCount } b: user(id: "u3") { reviewCount } }' },
      expect: ({ body }) => {
        expect(body.data).toEqual({ a: { reviewCount: 2 }, b: null });
        expect(codes(body)).toContain('NOT_FOUND');
      },
    },
    {
      name: 'null in a non-null field propagates to the nearest nullable parent',
      body: { query: '{ user(id: "u3") { id name reviews { id verified } } me { id } }' },
      expect: ({ body }) => {
        expect(body.data).toEqual({ user: null, me: { id: 'u1' } });
        expect(body.errors!.length).toBeGreaterThan(0);
      },
    },
    {
      name: 'aliases on the same field with different arguments',
      body: {
        query: `{ cheap: product(upc: "p3") { label: name cost: price ship: shippingEstimate }
                  dear: product(upc: "p2") { label: name cost: price ship: shippingEstimate }
                  none: product(upc: "p9") { upc } }`,
      },
      expect: ({ body }) =>
        expect(body.data).toEqual({
          cheap: { label: 'Chair', cost: 54, ship: 5 },
          dear: { label: 'Couch', cost: 1299, ship: 0 },
          none: null,
        }),
    },
    {
      name: 'variables with @include/@skip and defaults',
      body: {
        query: `query P($upc: String!, $withReviews: Boolean!, $noStock: Boolean = true) {
                  product(upc: $upc) { name inStock @skip(if: $noStock)
                    reviews @include(if: $withReviews) { rating } } }`,
        variables: { upc: 'p1', withReviews: true },
      },
      expect: ({ body }) =>
        expect(body.data).toEqual({
          product: { name: 'Table', reviews: [{ rating: 5 }, { rating: 2 }] },
        }),
    },
    {
      name: 'a missing required variable',
      body: { query: 'query P($upc: String!) { product(upc: $upc) { name } }', variables: {} },
      expect: ({ status, body }) => {
        expect(status).toBe(400);
        expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      },
    },
    {
      name: 'a mutation with an input object and an input default',
      body: {
        query: `mutation Preview($input: ReviewInput!) { previewReview(input: $input) {
                  id body rating author { name } product { name inStock } } }`,
        variables: { input: { productUpc: 'p3', body: 'Sturdy' } },
      },
      expect: ({ body }) =>
        expect(body.data).toEqual({
          previewReview: {
            id: 'preview',
            body: 'Sturdy',
            rating: 5,
            author: { name: 'Ada Lovelace' },
            product: { name: 'Chair', inStock: true },
          },
        }),
    },
    {
      name: 'operationName picks one of several operations',
      body: {
        query: 'query A { me { id } } query B { me { username } }',
        operationName: 'B',
      },
      expect: ({ body }) => expect(body.data).toEqual({ me: { username: 'ada' } }),
    },
    {
      name: 'several operations without operationName',
      body: { query: 'query A { me { id } } query B { me { username } }' },
      // @apollo/gateway's own quirk: a 500 with code INVALID_GRAPHQL (masked by PatientGraph).
      expect: ({ status, body }) => {
        expect(status).toBe(500);
        expect(codes(body)).toEqual(['INVALID_GRAPHQL']);
      },
    },
    {
      name: 'introspection of an interface and __typename at the root',
      body: {
        query: `{ __typename __type(name: "Media") { kind possibleTypes { name } fields { name } } }`,
      },
      expect: ({ body }) =>
        expect(body.data).toEqual({
          __typename: 'Query',
          __type: {
            kind: 'INTERFACE',
            possibleTypes: [{ name: 'Book' }, { name: 'Movie' }],
            fields: [{ name: 'id' }, { name: 'title' }, { name: 'reviews' }],
          },
        }),
    },
    {
      name: 'a syntax error',
      body: { query: '{ product(upc: "p1") { name ' },
      expect: ({ status, body }) => {
        expect(status).toBe(400);
        expect(codes(body)).toEqual(['GRAPHQL_PARSE_FAILED']);
      },
    },
    {
      name: 'a GET request',
      get: `query=${encodeURIComponent('{ product(upc: "p1") { name inStock } }')}`,
      expect: ({ body }) =>
        expect(body.data).toEqual({ product: { name: 'Table', inStock: true } }),
    },
  ];

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const [fromStock, fromOurs] = await Promise.all([send(stock.url, c), send(ours.url, c)]);
    c.expect(fromStock);
    expect(fromOurs.status).toBe(fromStock.status);
    expect(fromOurs.body).toEqual(asPatientGraphAnswers(fromStock.body));
  });
});
