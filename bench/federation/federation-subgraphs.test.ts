import { firstJsonDifference } from '../harness/json-difference';
import { postGraphQL } from '../harness/post-graphql';
import { startFederationSubgraphs, type RunningSubgraphs } from './federation-subgraphs';
import { loadBenchQuery, loadExpectedResponse, loadSupergraphSdl } from './fixtures';
import { startStockGateway, type RunningStockGateway } from './stock-gateway';
import { rewriteSupergraphUrls } from './supergraph-urls';

describe('federation benchmark subgraphs (real HTTP, stock @apollo/gateway)', () => {
  let subgraphs: RunningSubgraphs;
  let gateway: RunningStockGateway;

  beforeAll(async () => {
    subgraphs = await startFederationSubgraphs();
    gateway = await startStockGateway({
      supergraphSdl: rewriteSupergraphUrls(loadSupergraphSdl(), subgraphs.urls),
      host: '127.0.0.1',
      port: 0,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await subgraphs?.close();
  });

  it('answer the benchmark query with the published expected response', async () => {
    const response = await postGraphQL(gateway.url, { query: loadBenchQuery() });
    expect(response.status).toBe(200);
    expect(firstJsonDifference(response.body, loadExpectedResponse())).toBeUndefined();
    expect(response.body).toEqual(loadExpectedResponse());
  });

  it('keep the reference quirks: shippingEstimate null, every author is urigo', async () => {
    const response = await postGraphQL(gateway.url, {
      query: '{ topProducts(first: 2) { upc shippingEstimate reviews { author { username } } } }',
    });
    expect(response.body).toEqual({
      data: {
        topProducts: [
          {
            upc: '1',
            shippingEstimate: null,
            reviews: Array(4).fill({ author: { username: 'urigo' } }),
          },
          {
            upc: '2',
            shippingEstimate: null,
            reviews: Array(4).fill({ author: { username: 'urigo' } }),
          },
        ],
      },
    });
  });

  it('answer bad input to a subgraph with a 400 and a GraphQL error', async () => {
    const notJson = await fetch(subgraphs.urls.accounts, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const invalid = await postGraphQL(subgraphs.urls.accounts, { query: '{ nope }' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('Cannot query field \\"nope\\"');
  });
});
