import fs from 'node:fs';
import path from 'node:path';
import { omhDataPointsToPoints } from '../mappers/omh-data-point-to-points';
import { OMH_MEASURE_SCHEMAS, validateOmhEnvelope } from './omh-schema-registry';

export interface OmhFixtureResult {
  file: string;
  schema: string;
  version: string;
  expected: 'pass' | 'fail';
  /** accepted: stored points (or a sleep episode); rejected: with the reasons. */
  outcome: 'accepted' | 'rejected';
  reasons: string[];
  /** For data-point fixtures: whether the envelope (header + body object) is valid. */
  envelopeValid?: boolean;
}

/**
 * Whether a fixture came out as its folder says: a measure is stored (shouldPass)
 * or rejected with a reason (shouldFail). Data-point fixtures test the envelope,
 * so theirs is the envelope's validity; their bodies (physical-activity) are
 * schemas this subgraph does not store, and say so.
 */
export function asExpected(result: OmhFixtureResult): boolean {
  if (result.envelopeValid !== undefined)
    return result.envelopeValid === (result.expected === 'pass');
  return result.expected === 'pass'
    ? result.outcome === 'accepted'
    : result.outcome === 'rejected' && result.reasons.length > 0;
}

function* fixtureFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* fixtureFiles(full);
    else if (entry.name.endsWith('.json')) yield full;
  }
}

/**
 * Runs Open mHealth's own fixtures (`<schema>/<version>/shouldPass|shouldFail/*.json`,
 * the layout of openmhealth/schemas' test-data) through the ingest mapping: each
 * measure body goes in as a data point with a valid header, exactly as a device
 * cloud would send it; data-point fixtures go in as they are. A shouldPass file
 * must be stored, a shouldFail file rejected with a reason. Schemas this subgraph
 * does not ingest are skipped.
 */
export function checkOmhFixtures(dir: string): OmhFixtureResult[] {
  const results: OmhFixtureResult[] = [];
  for (const file of [...fixtureFiles(dir)].sort()) {
    const parts = file.split(path.sep);
    const expectIndex = parts.findIndex((p) => p === 'shouldPass' || p === 'shouldFail');
    if (expectIndex < 2) continue;
    const schema = parts[expectIndex - 2]!;
    const version = parts[expectIndex - 1]!;
    if (!(schema in OMH_MEASURE_SCHEMAS) && schema !== 'data-point') continue;
    const expected = parts[expectIndex] === 'shouldPass' ? 'pass' : 'fail';
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      results.push({
        file,
        schema,
        version,
        expected,
        outcome: 'rejected',
        reasons: [`not JSON: ${(error as Error).message}`],
      });
      continue;
    }
    const dataPoint =
      schema === 'data-point'
        ? json
        : {
            header: {
              id: `conformance-${schema}-${version}-${path.basename(file)}`,
              creation_date_time: '2020-01-01T00:00:00Z',
              schema_id: { namespace: 'omh', name: schema, version },
              user_id: 'conformance',
            },
            body: json,
          };
    const mapping = omhDataPointsToPoints(dataPoint, { utcOffset: 'Z' });
    const stored = mapping.points.length + mapping.sleep.length > 0;
    results.push({
      file,
      schema,
      version,
      expected,
      outcome: stored && mapping.rejected.length === 0 ? 'accepted' : 'rejected',
      reasons: mapping.rejected.map((r) => r.reason),
      ...(schema === 'data-point' ? { envelopeValid: validateOmhEnvelope(json).valid } : {}),
    });
  }
  return results;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: omh-conformance.ts <openmhealth test-data folder>');
    process.exit(2);
  }
  const results = checkOmhFixtures(dir);
  const wrong = results.filter((r) => !asExpected(r));
  for (const r of wrong)
    console.log(`MISMATCH ${r.file}: expected ${r.expected}, ${r.outcome} ${r.reasons.join('; ')}`);
  console.log(
    `${results.length - wrong.length}/${results.length} Open mHealth fixtures as expected`,
  );
  process.exitCode = wrong.length ? 1 : 0;
}
