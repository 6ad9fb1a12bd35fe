/**
 * The conditional forms this ingest understands (http://hl7.org/fhir/R4/http.html#cond-update):
 * `identifier=[system|]value` and `_id=id`, as in ifNoneExist, conditional update
 * URLs and conditional references (`Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|99`),
 * which is what Synthea and most EHR exports use.
 */
export interface ConditionalQuery {
  resourceType: string;
  /** null: any system (the query gave a bare value). */
  system: string | null;
  value: string;
  param: 'identifier' | '_id';
}

export function parseConditionalQuery(
  resourceType: string,
  query: string,
): ConditionalQuery | null {
  const params = new URLSearchParams(query);
  const keys = [...params.keys()];
  if (keys.length !== 1) return null;
  const [param] = keys as [string];
  const raw = params.get(param) ?? '';
  if (!raw) return null;
  if (param === '_id') return { resourceType, system: null, value: raw, param: '_id' };
  if (param !== 'identifier') return null;
  const bar = raw.indexOf('|');
  return bar < 0
    ? { resourceType, system: null, value: raw, param: 'identifier' }
    : { resourceType, system: raw.slice(0, bar), value: raw.slice(bar + 1), param: 'identifier' };
}

/** Splits `Type?query` (a conditional reference) into its parts. */
export function parseConditionalReference(reference: string): ConditionalQuery | null {
  const match = /^([A-Z][A-Za-z]+)\?(.+)$/.exec(reference);
  return match ? parseConditionalQuery(match[1]!, match[2]!) : null;
}

export function queryKey(query: ConditionalQuery): string {
  return `${query.resourceType}?${query.param}=${query.system ?? '*'}|${query.value}`;
}
