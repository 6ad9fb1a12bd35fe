import { Supergraph } from '@apollo/federation-internals';
import { loadSupergraphSdl } from './fixtures';
import { rewriteSupergraphUrls } from './supergraph-urls';

const URLS = {
  accounts: 'http://127.0.0.1:41001/accounts',
  inventory: 'http://127.0.0.1:41002/inventory',
  products: 'http://127.0.0.1:41003/products',
  reviews: 'http://127.0.0.1:41004/reviews',
};

describe('rewriteSupergraphUrls', () => {
  it('points every subgraph of the benchmark supergraph at the local servers', () => {
    const sdl = rewriteSupergraphUrls(loadSupergraphSdl(), URLS);
    expect(sdl).not.toContain('0.0.0.0:4200');
    const metadata = Supergraph.build(sdl).subgraphsMetadata();
    expect(Object.fromEntries(metadata.map((s) => [s.name, s.url]))).toEqual(URLS);
  });

  it('refuses to leave a subgraph at its original address', () => {
    const { reviews: _omitted, ...three } = URLS;
    expect(() => rewriteSupergraphUrls(loadSupergraphSdl(), three)).toThrow(/"reviews"/);
  });

  it('refuses a URL for a subgraph the supergraph does not have', () => {
    expect(() =>
      rewriteSupergraphUrls(loadSupergraphSdl(), { ...URLS, users: 'http://x' }),
    ).toThrow(/no subgraph users/);
  });
});
