import type { OperationOutcomeIssue } from '../../shared/fhir/outcomes';
import { objects, str, type FhirJson } from '../fhir/fhir-json';
import { rewriteReferences } from '../fhir/references';
import {
  parseConditionalQuery,
  parseConditionalReference,
  queryKey,
  type ConditionalQuery,
} from './conditional-query';
import { contentDerivedId, isValidEntry, type PlannedEntry } from './ingest-plan';

/** Finds stored resources for conditional queries: query key -> matching ids. */
export type ConditionalLookup = (queries: ConditionalQuery[]) => Promise<Map<string, string[]>>;

export interface ResolvedEntry extends PlannedEntry {
  /** A conditional create that found its resource already stored: nothing to write. */
  existing: boolean;
}

function matchesInBundle(entries: PlannedEntry[], query: ConditionalQuery): string[] {
  return entries
    .filter((e) => e.resourceType === query.resourceType && e.resource && e.id)
    .filter((e) =>
      query.param === '_id'
        ? e.id === query.value
        : objects(e.resource!.identifier).some(
            (i) =>
              str(i.value) === query.value &&
              (query.system === null || (str(i.system) ?? '') === query.system),
          ),
    )
    .map((e) => e.id!);
}

function warn(code: OperationOutcomeIssue['code'], expression: string, diagnostics: string) {
  return { severity: 'warning' as const, code, diagnostics, expression: [expression] };
}

function fail(code: OperationOutcomeIssue['code'], expression: string, diagnostics: string) {
  return { severity: 'error' as const, code, diagnostics, expression: [expression] };
}

/**
 * Gives every entry its final id (conditional creates/updates find their target) and
 * rewrites references inside the bundle: `urn:uuid:` and other fullUrls become
 * `Type/id`, conditional references become the one resource they match. In a
 * transaction an unresolvable internal reference is an error (the bundle would be
 * inconsistent); elsewhere it is kept as written, with a warning.
 */
export async function resolveEntries(
  entries: PlannedEntry[],
  strict: boolean,
  lookup: ConditionalLookup,
): Promise<ResolvedEntry[]> {
  const resolved: ResolvedEntry[] = entries.map((e) => ({ ...e, existing: false }));
  const valid = resolved.filter(isValidEntry);

  const queries = new Map<string, ConditionalQuery>();
  const entryQueries = new Map<ResolvedEntry, ConditionalQuery | null>();
  for (const entry of valid) {
    if (!entry.condition) continue;
    const query = parseConditionalQuery(entry.resourceType, entry.condition);
    entryQueries.set(entry, query);
    if (query) queries.set(queryKey(query), query);
  }
  for (const entry of valid) {
    rewriteReferences(entry.resource ?? {}, ({ reference }) => {
      const query = parseConditionalReference(reference);
      if (query) queries.set(queryKey(query), query);
      return undefined;
    });
  }
  const stored =
    queries.size > 0 ? await lookup([...queries.values()]) : new Map<string, string[]>();
  const matches = (query: ConditionalQuery): string[] => [
    ...new Set([...(stored.get(queryKey(query)) ?? []), ...matchesInBundle(valid, query)]),
  ];

  for (const [entry, query] of entryQueries) {
    const where = `${entry.root.replace(/\.resource$/, '')}.request`;
    if (!query) {
      entry.issues.push(
        fail('not-supported', where, 'Only identifier= and _id= conditions are supported'),
      );
      continue;
    }
    const found = matches(query).filter((id) => id !== entry.id || entry.method !== 'create');
    if (found.length > 1) {
      entry.issues.push(
        fail('duplicate', where, `The condition matches ${found.length} resources`),
      );
    } else if (entry.method === 'create') {
      if (found.length === 1) {
        entry.id = found[0]!;
        entry.existing = true;
      }
    } else if (found.length === 1) {
      entry.id = found[0]!;
    } else if (entry.method === 'update' && !entry.id) {
      entry.id = contentDerivedId(`${entry.resourceType}?${entry.condition}`);
    }
  }

  const byFullUrl = new Map<string, string>();
  for (const entry of resolved) {
    if (entry.fullUrl && entry.id && isValidEntry(entry)) {
      byFullUrl.set(entry.fullUrl, `${entry.resourceType}/${entry.id}`);
    }
  }
  for (const entry of resolved) {
    if (!entry.resource || !isValidEntry(entry) || entry.existing) continue;
    rewriteReferences(entry.resource, ({ path, reference }) => {
      const expression = `${entry.root}${path.slice(path.indexOf('.'))}`;
      const internal = byFullUrl.get(reference);
      if (internal) return internal;
      if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) {
        const issue = `${reference.slice(0, 9)}... is not the fullUrl of any entry of this bundle`;
        entry.issues.push(
          strict ? fail('not-found', expression, issue) : warn('not-found', expression, issue),
        );
        return undefined;
      }
      const query = parseConditionalReference(reference);
      if (query) {
        const found = matches(query);
        if (found.length === 1) return `${query.resourceType}/${found[0]!}`;
        // FHIR R4 (http.html#trules): a conditional reference matching no resource, or
        // several, fails the transaction. Elsewhere it is kept as written, with a warning.
        const code = found.length === 0 ? 'not-found' : 'multiple-matches';
        const issue = `Conditional reference matches ${found.length} resources`;
        entry.issues.push(
          strict
            ? fail(code, expression, `${issue}; a transaction needs exactly one`)
            : warn(code, expression, `${issue}; kept as written`),
        );
      }
      return undefined;
    });
    if (entry.resource.id === undefined || entry.resource.id !== entry.id) {
      setId(entry.resource, entry.id!);
    }
  }
  return resolved;
}

/** Puts `id` right after resourceType, where FHIR JSON writers put it. */
function setId(resource: FhirJson, id: string): void {
  const { resourceType, ...rest } = resource;
  delete rest.id;
  for (const key of Object.keys(resource)) delete resource[key];
  Object.assign(resource, { resourceType, id, ...rest });
}
