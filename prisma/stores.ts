import path from 'node:path';
import type { DatabaseProvider } from '../subgraphs/shared/store/database-url';

/**
 * Every Prisma store in the repo. Each has one schema here (written for SQLite,
 * the embedded default) from which the PostgreSQL variant is derived, and one
 * migration history per provider under prisma/migrations/<store>/<provider>/.
 */
export const STORES = ['identity', 'ehr-fhir', 'ehr-hl7v2', 'wearables', 'audit'] as const;
export type StoreName = (typeof STORES)[number];

export const PROVIDERS: readonly DatabaseProvider[] = ['sqlite', 'postgresql'];

export const PRISMA_DIR = __dirname;
export const GENERATED_DIR = path.resolve(__dirname, '..', 'generated');

export function schemaSourcePath(store: string): string {
  return path.join(PRISMA_DIR, `${store}.prisma`);
}

export function isStoreName(value: string): value is StoreName {
  return (STORES as readonly string[]).includes(value);
}
