import { isObject, type FhirJson } from './fhir-json';

export interface ResourceKeyParts {
  resourceType: string;
  id: string;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE =
  /^https?:\/\/.+\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * The type and id a literal reference names: relative ("Patient/123", with or
 * without "/_history/2") or absolute ("https://ehr.example/fhir/Patient/123").
 * Contained ("#x"), urn: and conditional ("Patient?identifier=...") references
 * name no stored resource by themselves and give null.
 */
export function parseReference(reference: string): ResourceKeyParts | null {
  const match = RELATIVE.exec(reference) ?? ABSOLUTE.exec(reference);
  return match ? { resourceType: match[1]!, id: match[2]! } : null;
}

export function isConditionalReference(reference: string): boolean {
  return /^[A-Z][A-Za-z]+\?.+/.test(reference);
}

export interface ReferenceSite {
  /** FHIRPath of the Reference.reference element, relative to the resource root. */
  path: string;
  reference: string;
}

/**
 * Visits every `Reference.reference` string of a resource (contained resources
 * included) and replaces it with what `rewrite` returns (undefined keeps it).
 * Mutates in place: the ingest owns the parsed request body.
 */
export function rewriteReferences(
  resource: FhirJson,
  rewrite: (site: ReferenceSite) => string | undefined,
): void {
  const rootType = typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource';
  const visit = (node: FhirJson, path: string): void => {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'reference' && typeof value === 'string') {
        const next = rewrite({ path: `${path}.reference`, reference: value });
        if (next !== undefined) node.reference = next;
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => {
          if (isObject(item)) visit(item, `${path}.${key}[${index}]`);
        });
      } else if (isObject(value)) {
        visit(value, `${path}.${key}`);
      }
    }
  };
  visit(resource, rootType);
}
