import type { BenchCase } from './bench-case';
import { federationCase } from './federation/federation.case';

/** Every benchmark case, in the order `npm run bench` runs them and the docs list them. */
export const CASES: readonly BenchCase[] = [federationCase];
