import fs from 'node:fs';
import path from 'node:path';

/** The benchmark's fixture folder (a copy of the public workload; see fixtures/SOURCE.md). */
export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

export interface BenchUser {
  id: string;
  name: string;
  username: string;
  birthday: number;
}

export interface BenchProduct {
  upc: string;
  name: string;
  price: number;
  weight: number;
}

export interface BenchInventoryRow {
  upc: string;
  inStock: boolean;
}

export interface BenchReview {
  id: string;
  body: string;
  productUpc: string;
}

export interface FederationBenchData {
  users: BenchUser[];
  products: BenchProduct[];
  inventory: BenchInventoryRow[];
  reviews: BenchReview[];
}

function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
}

export function loadBenchData(): FederationBenchData {
  return JSON.parse(readFixture('data.json')) as FederationBenchData;
}

/** The one operation the benchmark sends (k6.js `TestQuery`). */
export function loadBenchQuery(): string {
  return readFixture('query.graphql');
}

export function loadSupergraphSdl(): string {
  return readFixture('supergraph.graphql');
}

export function loadExpectedResponse(): unknown {
  return JSON.parse(readFixture('expected-response.json'));
}
