import { schemaForProvider } from './provider-schema';

const SOURCE = `generator client {
  provider        = "prisma-client-js"
  output          = "../generated/identity/sqlite"
}

datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

model A {
  id String @id
}
`;

describe('schemaForProvider', () => {
  it('rewrites provider, url and output and keeps the models', () => {
    const pg = schemaForProvider(SOURCE, 'postgresql', '/x/generated/identity/postgresql');
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('url      = "postgresql://localhost/unused"');
    expect(pg).toContain('output          = "/x/generated/identity/postgresql"');
    expect(pg).toContain('provider        = "prisma-client-js"');
    expect(pg).toContain('model A {');
  });
});
