import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { sha256Hex, type RegisteredOperation } from './persisted-queries';

export interface LoadedSafelist {
  operations: RegisteredOperation[];
  problems: string[];
}

interface RawOperation {
  id?: unknown;
  body?: unknown;
  query?: unknown;
  name?: unknown;
}

/**
 * The JSON shapes client tooling writes:
 * - Apollo's persisted query manifest (`generate-persisted-query-manifest`):
 *   `{ "format": "apollo-persisted-query-manifest", "operations": [{ id, name, body }] }`
 * - a map from id to text (GraphQL Codegen `persisted-documents.json`, Relay):
 *   `{ "<id>": "query ..." }`
 * - an array of `{ id?, body | query, name? }`.
 */
function rawOperationsOf(json: unknown): RawOperation[] | null {
  if (Array.isArray(json)) return json as RawOperation[];
  if (!json || typeof json !== 'object') return null;
  const record = json as Record<string, unknown>;
  if (Array.isArray(record.operations)) return record.operations as RawOperation[];
  const entries = Object.entries(record);
  if (entries.length > 0 && entries.every(([, v]) => typeof v === 'string')) {
    return entries.map(([id, body]) => ({ id, body }));
  }
  return null;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      if (entry.name.startsWith('.')) return [];
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(full);
      return /\.(json|graphql|gql)$/i.test(entry.name) ? [full] : [];
    });
}

function operationName(body: string): string | undefined {
  const document = parse(body, { noLocation: true });
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) throw new Error('contains no operation');
  return operations.length === 1 ? operations[0]!.name?.value : undefined;
}

/**
 * Reads a safelist: one JSON file, or a folder (under version control) of JSON
 * files and `.graphql`/`.gql` files (one operation document each, its id the path
 * relative to the folder without extension). Every operation must parse and ids
 * must be unique; every problem is reported so the gateway refuses to start.
 * Hash lookups use the sha256 of the exact text, so clients that send hashes must
 * send byte-identical text; clients that send ids do not depend on whitespace.
 */
export function loadSafelist(location: string): LoadedSafelist {
  const problems: string[] = [];
  const operations: RegisteredOperation[] = [];
  const byId = new Map<string, RegisteredOperation>();
  let files: string[];
  let root: string;
  try {
    const stat = fs.statSync(location);
    root = stat.isDirectory() ? location : path.dirname(location);
    files = stat.isDirectory() ? filesUnder(location) : [location];
  } catch {
    return { operations, problems: [`${location} cannot be read`] };
  }

  const add = (raw: RawOperation, source: string) => {
    const body = typeof raw.body === 'string' ? raw.body : raw.query;
    if (typeof body !== 'string' || body.trim() === '') {
      problems.push(`${source}: an operation has no body (text)`);
      return;
    }
    let name: string | undefined;
    try {
      name = operationName(body);
    } catch (error) {
      problems.push(`${source}: an operation does not parse: ${(error as Error).message}`);
      return;
    }
    const hash = sha256Hex(body);
    const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : hash;
    const existing = byId.get(id);
    if (existing && existing.body !== body) {
      problems.push(`${source}: id "${id}" is also used by ${existing.source} for another text`);
      return;
    }
    if (existing) return;
    const operation: RegisteredOperation = {
      id,
      hash,
      body,
      source,
      ...(typeof raw.name === 'string' ? { name: raw.name } : name ? { name } : {}),
    };
    byId.set(id, operation);
    operations.push(operation);
  };

  for (const file of files) {
    const source = path.relative(root, file) || path.basename(file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      problems.push(`${source} cannot be read`);
      continue;
    }
    if (/\.json$/i.test(file)) {
      let raws: RawOperation[] | null = null;
      try {
        raws = rawOperationsOf(JSON.parse(text));
      } catch (error) {
        problems.push(`${source} is not valid JSON: ${(error as Error).message}`);
        continue;
      }
      if (!raws) {
        problems.push(`${source} is not a persisted query manifest, an id-to-text map or a list`);
        continue;
      }
      raws.forEach((raw) => add(raw ?? {}, source));
    } else {
      add(
        {
          id: source
            .replace(/\.(graphql|gql)$/i, '')
            .split(path.sep)
            .join('/'),
          body: text,
        },
        source,
      );
    }
  }
  if (operations.length === 0 && problems.length === 0)
    problems.push(`${location} holds no operation`);
  return { operations, problems };
}
