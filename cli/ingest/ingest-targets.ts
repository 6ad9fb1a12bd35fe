import { loadOrCreateDevSecrets } from '../../subgraphs/shared/config/dev-secrets';
import { stateDir } from '../../subgraphs/shared/config/project-paths';
import { readStackFile } from '../stack/stack-file';
import { DEFAULT_PORTS } from '../stack/stack-options';
import type { IngestTarget } from './ingest-summary';

export interface IngestTargets {
  fhir: IngestTarget;
  hl7v2: IngestTarget;
  wearables: IngestTarget;
}

/**
 * Where to send: flags first, then the running stack's own stack.json, then the
 * default ports. The service token comes from SERVICE_TOKEN or, in development,
 * from the stack's generated secrets.
 */
export function resolveIngestTargets(
  flags: { fhirUrl?: string; hl7v2Url?: string; mllp?: string; wearablesUrl?: string },
  env: NodeJS.ProcessEnv = process.env,
): IngestTargets {
  const stack = readStackFile(stateDir(env));
  const serviceToken = env.SERVICE_TOKEN ?? loadOrCreateDevSecrets(env).serviceToken;
  const local = (port: number) => `http://127.0.0.1:${port}`;
  let mllp = stack?.mllp ?? { host: '127.0.0.1', port: DEFAULT_PORTS.mllp };
  if (flags.mllp) {
    const [host, port] = flags.mllp.split(':');
    if (!host || !port || !Number.isInteger(Number(port)))
      throw new Error('--mllp must be host:port');
    mllp = { host, port: Number(port) };
  }
  return {
    fhir: {
      baseUrl: flags.fhirUrl ?? stack?.subgraphUrls['ehr-fhir'] ?? local(DEFAULT_PORTS['ehr-fhir']),
      serviceToken,
    },
    hl7v2: {
      baseUrl:
        flags.hl7v2Url ?? stack?.subgraphUrls['ehr-hl7v2'] ?? local(DEFAULT_PORTS['ehr-hl7v2']),
      serviceToken,
      mllp,
    },
    wearables: {
      baseUrl:
        flags.wearablesUrl ?? stack?.subgraphUrls.wearables ?? local(DEFAULT_PORTS.wearables),
      serviceToken,
    },
  };
}
