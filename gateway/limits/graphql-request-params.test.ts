import { bodyWithQuery, paramsFromSearch, searchWithQuery } from './graphql-request-params';

const EXT = { persistedQuery: { version: 1, sha256Hash: 'abc' } };

describe('GraphQL request parameters', () => {
  it('reads a GET query string, leaving malformed JSON to Apollo', () => {
    const search = `?extensions=${encodeURIComponent(JSON.stringify(EXT))}&variables=%7Bx&operationName=Q`;
    expect(paramsFromSearch(search)).toEqual({
      query: undefined,
      operationName: 'Q',
      variables: undefined,
      extensions: EXT,
      documentId: undefined,
    });
  });

  it('puts a resolved query into a POST body without the persisted-query reference', () => {
    expect(
      bodyWithQuery({ variables: { a: 1 }, extensions: EXT, documentId: 'x' }, '{ me { id } }'),
    ).toEqual({ variables: { a: 1 }, query: '{ me { id } }' });
    expect(bodyWithQuery({ extensions: { ...EXT, trace: true } }, '{ a }')).toEqual({
      query: '{ a }',
      extensions: { trace: true },
    });
  });

  it('puts a resolved query into a GET query string', () => {
    const search = `?extensions=${encodeURIComponent(JSON.stringify(EXT))}&variables=%7B%7D`;
    const params = new URLSearchParams(searchWithQuery(search, '{ me { id } }'));
    expect(params.get('query')).toBe('{ me { id } }');
    expect(params.get('variables')).toBe('{}');
    expect(params.has('extensions')).toBe(false);
  });
});
