import { createHash } from 'node:crypto';
import type { OperationOutcomeIssue } from '../../shared/fhir/outcomes';
import { isObject, obj, str, type FhirJson } from '../fhir/fhir-json';
import { FHIR_ID } from '../fhir/resource-types';
import { hasErrors, validateResource } from './validate-resource';

/** One resource write the ingest will perform, with everything found wrong with it. */
export interface PlannedEntry {
  /** Entry index in the bundle, or line number in an NDJSON file. */
  index: number;
  /** FHIRPath of the resource (`Bundle.entry[3].resource`, or its type when sent alone). */
  root: string;
  fullUrl: string | null;
  method: 'create' | 'update' | 'delete';
  resourceType: string;
  /** Null while a conditional create/update still has to find its target. */
  id: string | null;
  resource: FhirJson | null;
  /** Search query of a conditional create (ifNoneExist) or conditional update/delete. */
  condition: string | null;
  issues: OperationOutcomeIssue[];
}

export function isValidEntry(entry: PlannedEntry): boolean {
  return !hasErrors(entry.issues);
}

/**
 * A stable id for a resource that came without one: derived from its content (and
 * where it came from), so sending the same thing twice is idempotent instead of
 * creating a copy.
 */
export function contentDerivedId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function uuidOfFullUrl(fullUrl: string | null): string | null {
  const match = fullUrl ? /^urn:uuid:([0-9a-fA-F-]{36})$/.exec(fullUrl) : null;
  return match ? match[1]!.toLowerCase() : null;
}

function issue(
  code: OperationOutcomeIssue['code'],
  expression: string,
  diagnostics: string,
): OperationOutcomeIssue {
  return { severity: 'error', code, diagnostics, expression: [expression] };
}

/** Reads one Bundle.entry into a planned write (validation included). */
export function planBundleEntry(entry: unknown, index: number, bundleType: string): PlannedEntry {
  const base = `Bundle.entry[${index}]`;
  const root = `${base}.resource`;
  const value = obj(entry);
  const resource = obj(value?.resource);
  const request = obj(value?.request);
  const fullUrl = str(value?.fullUrl);
  const planned: PlannedEntry = {
    index,
    root,
    fullUrl,
    method: 'update',
    resourceType: str(resource?.resourceType) ?? '',
    id: null,
    resource,
    condition: null,
    issues: [],
  };
  if (!value) {
    planned.issues.push(issue('structure', base, 'A bundle entry must be a JSON object'));
    return planned;
  }
  const method = str(request?.method)?.toUpperCase() ?? null;
  const url = str(request?.url);
  if (method === 'DELETE') {
    planned.method = 'delete';
    const target = url ? /^([A-Z][A-Za-z]+)(?:\/([^/?]+)|\?(.+))$/.exec(url) : null;
    if (!target) {
      planned.issues.push(
        issue(
          'invalid',
          `${base}.request.url`,
          'DELETE needs a url of the form Type/id or Type?query',
        ),
      );
      return planned;
    }
    planned.resourceType = target[1]!;
    planned.id = target[2] ?? null;
    planned.condition = target[3] ?? null;
    return planned;
  }
  if (method && !['POST', 'PUT'].includes(method)) {
    planned.issues.push(
      issue(
        'not-supported',
        `${base}.request.method`,
        `${method} entries are not supported by ingest`,
      ),
    );
    return planned;
  }
  if (!resource) {
    planned.issues.push(issue('required', root, 'The entry has no resource'));
    return planned;
  }
  planned.issues.push(...validateResource(resource, root));
  if (hasErrors(planned.issues)) return planned;
  const type = planned.resourceType;
  const ownId = str(resource.id);
  // Some converters write `Type/` with an empty id: read it as "no id in the url".
  if (method === 'PUT' && url && url.replace(/\/+$/, '') !== type) {
    const target = /^([A-Z][A-Za-z]+)(?:\/([^/?]+)|\?(.+))$/.exec(url);
    if (!target || target[1] !== type) {
      planned.issues.push(
        issue('invalid', `${base}.request.url`, `PUT url must be ${type}/[id] or ${type}?[query]`),
      );
      return planned;
    }
    if (target[2] !== undefined) {
      if (!FHIR_ID.test(target[2])) {
        planned.issues.push(
          issue('value', `${base}.request.url`, 'The id in the url is not a FHIR id'),
        );
      } else if (ownId && ownId !== target[2]) {
        planned.issues.push(
          issue('invalid', `${root}.id`, 'Resource id differs from the id in request.url'),
        );
      }
      planned.id = target[2];
    } else {
      planned.condition = target[3]!;
      planned.id = ownId;
    }
    return planned;
  }
  // POST (or no request, as in collection bundles): this store mirrors the vendor,
  // so it keeps the vendor's ids rather than assigning its own.
  planned.method = method === 'POST' ? 'create' : 'update';
  planned.condition = method === 'POST' ? (str(request?.ifNoneExist) ?? null) : null;
  planned.id =
    ownId ??
    uuidOfFullUrl(fullUrl) ??
    contentDerivedId(`${bundleType}|${fullUrl ?? ''}|${JSON.stringify(resource)}`);
  return planned;
}

/** Reads one resource sent alone (a body that is not a Bundle, or one NDJSON line). */
export function planSingleResource(resource: unknown, index: number, root?: string): PlannedEntry {
  const value = isObject(resource) ? resource : null;
  const type = str(value?.resourceType) ?? '';
  const planned: PlannedEntry = {
    index,
    root: root ?? (type || 'Resource'),
    fullUrl: null,
    method: 'update',
    resourceType: type,
    id: null,
    resource: value,
    condition: null,
    issues: validateResource(resource, root),
  };
  if (!hasErrors(planned.issues) && value) {
    planned.id = str(value.id) ?? contentDerivedId(JSON.stringify(value));
  }
  return planned;
}
