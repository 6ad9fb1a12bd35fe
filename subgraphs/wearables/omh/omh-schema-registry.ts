import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SCHEMA_DIR = path.join(__dirname, 'schemas');
const OMH_BASE = 'https://w3id.org/openmhealth/schemas/omh/';
const IEEE_BASE = 'https://w3id.org/ieee/ieee-1752-schema/';

/** The measure schemas this subgraph maps to series (name -> versions it has schemas for). */
export const OMH_MEASURE_SCHEMAS: Readonly<Record<string, readonly string[]>> = {
  'heart-rate': ['1.0', '1.1', '2.0'],
  'blood-glucose': ['1.0', '2.0', '3.0', '4.0'],
  'sleep-duration': ['1.0', '2.0'],
  'step-count': ['1.0', '2.0', '3.0'],
  'oxygen-saturation': ['1.0', '2.0'],
  'blood-pressure': ['1.0', '2.0', '3.0', '3.1', '4.0'],
};

export interface OmhValidation {
  valid: boolean;
  /** Human-readable reasons: JSON pointer of the offending part and what the schema wanted. */
  errors: string[];
}

function readSchemas(folder: string): { file: string; schema: Record<string, unknown> }[] {
  const dir = path.join(SCHEMA_DIR, folder);
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      schema: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>,
    }));
}

/**
 * Loads every copied schema into one Ajv instance, each under the URL other
 * schemas reference it by, so `$ref`s resolve offline:
 * - `$schema` is dropped: most files declare draft-04, which Ajv 8 does not ship;
 *   none of them uses a draft-04-only keyword (boolean exclusiveMinimum, `id`), so
 *   they validate identically as draft-07.
 * - the IEEE files' unversioned `$id`s are replaced by the versioned URLs the Open
 *   mHealth schemas use, and IEEE body-posture-1.0 is served by the Open mHealth
 *   body-posture-1.0 it superseded with the same values (see schemas/SOURCE.md).
 * - `date-time` accepts times without offset: the Open mHealth and IEEE date-time
 *   schemas both say such a time is UTC, so RFC 3339's strictness would refuse
 *   data the standard allows.
 */
function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  const dateTime = ajv.formats['iso-date-time'];
  if (dateTime) ajv.addFormat('date-time', dateTime);
  for (const { file, schema } of readSchemas('omh')) {
    const { $schema: _ignored, ...rest } = schema;
    ajv.addSchema({ ...rest, $id: OMH_BASE + file });
    if (file === 'body-posture-1.0.json') {
      ajv.addSchema({ ...rest, $id: `${IEEE_BASE}body-posture-1.0.json` });
    }
  }
  for (const { file, schema } of readSchemas('ieee')) {
    const { $schema: _ignored, ...rest } = schema;
    ajv.addSchema({ ...rest, $id: IEEE_BASE + file });
  }
  return ajv;
}

let shared: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(file: string): ValidateFunction | undefined {
  let validate = compiled.get(file);
  if (!validate) {
    shared ??= createAjv();
    validate = shared.getSchema(OMH_BASE + file);
    if (validate) compiled.set(file, validate);
  }
  return validate;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  // oneOf/anyOf failures repeat every branch's complaint; keep each message once.
  const messages = (errors ?? []).map((error) => {
    const at = error.instancePath || '/';
    const allowed =
      error.keyword === 'enum'
        ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
        : '';
    return `${at} ${error.message ?? 'is invalid'}${allowed}`;
  });
  return [...new Set(messages)];
}

export function hasMeasureSchema(name: string, version: string): boolean {
  return OMH_MEASURE_SCHEMAS[name]?.includes(version) ?? false;
}

/** Validates a measure body (e.g. a heart-rate 2.0 body) against its Open mHealth schema. */
export function validateOmhBody(name: string, version: string, body: unknown): OmhValidation {
  if (!hasMeasureSchema(name, version)) {
    return {
      valid: false,
      errors: [`no schema omh:${name}:${version} here (supported: ${supportedList()})`],
    };
  }
  const validate = validatorFor(`${name}-${version}.json`);
  if (!validate) return { valid: false, errors: [`schema omh:${name}:${version} failed to load`] };
  const valid = validate(body) as boolean;
  return { valid, errors: valid ? [] : describe(validate.errors) };
}

/** Validates the data point envelope (header + body object) against data-point-1.0. */
export function validateOmhEnvelope(dataPoint: unknown): OmhValidation {
  const validate = validatorFor('data-point-1.0.json');
  if (!validate) return { valid: false, errors: ['schema omh:data-point:1.0 failed to load'] };
  const valid = validate(dataPoint) as boolean;
  return { valid, errors: valid ? [] : describe(validate.errors) };
}

export function supportedList(): string {
  return Object.entries(OMH_MEASURE_SCHEMAS)
    .map(([name, versions]) => `${name} ${versions.join('/')}`)
    .join(', ');
}
