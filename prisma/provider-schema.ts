import type { DatabaseProvider } from '../subgraphs/shared/store/database-url';

/**
 * Derives the schema Prisma generates one provider's client from: the canonical
 * schema with its datasource provider and generator output replaced. Everything
 * else (models, indexes) is shared, which is why store schemas use only types
 * both providers map the same way (no enums, no Json, no native types).
 */
export function schemaForProvider(
  source: string,
  provider: DatabaseProvider,
  outputDir: string,
): string {
  const withProvider = source.replace(
    /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"[^"]*"/,
    `$1"${provider}"`,
  );
  const withUrl = withProvider.replace(
    /(datasource\s+db\s*\{[^}]*?url\s*=\s*)"[^"]*"/,
    `$1"${provider === 'sqlite' ? 'file:./unused.db' : 'postgresql://localhost/unused'}"`,
  );
  if (!/generator\s+client\s*\{[^}]*output\s*=/.test(withUrl)) {
    throw new Error('Store schemas must set generator client output');
  }
  return withUrl.replace(
    /(generator\s+client\s*\{[^}]*?output\s*=\s*)"[^"]*"/,
    `$1${JSON.stringify(outputDir)}`,
  );
}
