import { EnvReader } from '../shared/config/env-reader';
import { readSubgraphBaseConfig, type SubgraphBaseConfig } from '../shared/config/subgraph-config';
import { offsetMinutes } from './hl7/hl7-datetime';
import {
  DEFAULT_AUTHORITY_SYSTEMS,
  parseAuthoritySystems,
  type AuthoritySystems,
} from './mappers/identifier-systems';

export interface EhrHl7v2Config extends SubgraphBaseConfig {
  mllpHost: string;
  /** 0 picks a free port (tests); the running port is reported in the ready message. */
  mllpPort: number;
  /** Largest MLLP frame accepted (messages with embedded documents can be large). */
  mllpMaxFrameBytes: number;
  identityUrl: string;
  migrateOnStart: boolean;
  /** PID-3.4 assigning authority (upper case) to identifier system URI. */
  authoritySystems: AuthoritySystems;
  /** Offset for HL7 times sent without one ("Z" or "+HH:MM"). */
  defaultUtcOffset: string;
  /** Our MSH-3 / MSH-4 in ACKs when a sender does not name us. */
  ackApplication: string;
  ackFacility: string;
}

let loaded: Readonly<EhrHl7v2Config> | undefined;

/**
 * Env: the shared subgraph settings (HOST, PORT=4003, DATABASE_URL, ...) plus
 * MLLP_HOST (default HOST), MLLP_PORT (2575), MLLP_MAX_FRAME_BYTES (16 MiB),
 * IDENTITY_URL (http://127.0.0.1:4001), MIGRATE_ON_START (true),
 * HL7_AUTHORITY_SYSTEMS ("AUTH=uri,AUTH2=uri", added to the defaults that map
 * RIVERSIDE to Riverside's MRN system and USSSA/SSA to the SSN system) and
 * HL7_DEFAULT_UTC_OFFSET ("Z").
 */
export function loadEhrHl7v2Config(raw: NodeJS.ProcessEnv = process.env): Readonly<EhrHl7v2Config> {
  const env = new EnvReader('ehr-hl7v2', raw);
  const base = readSubgraphBaseConfig(env, 'ehr-hl7v2', { port: 4003, store: 'ehr-hl7v2' }, raw);
  const authorities = parseAuthoritySystems(env.optionalString('HL7_AUTHORITY_SYSTEMS'));
  authorities.problems.forEach((problem) => env.problem(problem));
  const defaultUtcOffset = env.string('HL7_DEFAULT_UTC_OFFSET', 'Z');
  if (offsetMinutes(defaultUtcOffset) === null) {
    env.problem(`HL7_DEFAULT_UTC_OFFSET must be Z or +HH:MM (got "${defaultUtcOffset}")`);
  }
  loaded = env.done({
    ...base,
    mllpHost: env.string('MLLP_HOST', base.host),
    mllpPort: env.int('MLLP_PORT', 2575, { min: 0, max: 65535 }),
    mllpMaxFrameBytes: env.int('MLLP_MAX_FRAME_BYTES', 16 * 1024 * 1024, { min: 1024 }),
    identityUrl: env.url('IDENTITY_URL', 'http://127.0.0.1:4001'),
    migrateOnStart: env.boolean('MIGRATE_ON_START', true),
    authoritySystems: Object.freeze({ ...DEFAULT_AUTHORITY_SYSTEMS, ...authorities.systems }),
    defaultUtcOffset,
    ackApplication: env.string('HL7_ACK_APPLICATION', 'PATIENTGRAPH'),
    ackFacility: env.string('HL7_ACK_FACILITY', 'EHR-HL7V2'),
  });
  return loaded;
}

export function getEhrHl7v2Config(): Readonly<EhrHl7v2Config> {
  if (!loaded) throw new Error('ehr-hl7v2 config not loaded: call loadEhrHl7v2Config() first');
  return loaded;
}
