import path from 'node:path';
import { EnvReader } from '../shared/config/env-reader';
import { stateDir } from '../shared/config/project-paths';
import { readSubgraphBaseConfig, type SubgraphBaseConfig } from '../shared/config/subgraph-config';

/**
 * A partner hospital's radiology subgraph. Everything a PatientGraph subgraph
 * needs comes from `readSubgraphBaseConfig` (port, the gateway's public key, the
 * service token, the consent chain and the audit log); the rest is the partner's.
 */
export interface RadiologyConfig extends SubgraphBaseConfig {
  /** The identity service that links the partner's patients to global patients. */
  identityUrl: string;
  /** The partner's own patient-id system: how its records are found again (linkKeys). */
  patientSystem: string;
  /** The partner's report-id system (RecordSource.system). */
  reportSystem: string;
  /** The tiny JSON store of this example. */
  storeFile: string;
  maxBodyBytes: number;
}

let loaded: Readonly<RadiologyConfig> | undefined;

export function loadRadiologyConfig(
  raw: NodeJS.ProcessEnv = process.env,
): Readonly<RadiologyConfig> {
  // SUBGRAPH_NAME: the name this subgraph answers to in logs, audit and record sources.
  const name = raw.SUBGRAPH_NAME || 'radiology';
  const env = new EnvReader(name, raw);
  const base = readSubgraphBaseConfig(env, name, { port: 4010, store: name }, raw);
  loaded = env.done({
    ...base,
    identityUrl: env.url('IDENTITY_URL', 'http://127.0.0.1:4001'),
    patientSystem: env.url(
      'PARTNER_PATIENT_SYSTEM',
      'https://radiology.partner.example/sid/patient',
    ),
    reportSystem: env.url('PARTNER_REPORT_SYSTEM', 'https://radiology.partner.example/sid/report'),
    storeFile: path.resolve(
      env.string('REPORTS_FILE', path.join(stateDir(raw), 'data', `${name}-reports.json`)),
    ),
    maxBodyBytes: env.int('MAX_BODY_BYTES', 1_000_000, { min: 1024 }),
  });
  return loaded;
}

export function getRadiologyConfig(): Readonly<RadiologyConfig> {
  if (!loaded) throw new Error('radiology config not loaded: call loadRadiologyConfig() first');
  return loaded;
}
