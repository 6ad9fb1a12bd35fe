import { buildFederatedSchema } from '../shared/build-subgraph-schema';
import { startSubgraphServer, type RunningServer } from '../shared/http/subgraph-server';
import { createLogger } from '../shared/logger';
import { IdentityClient } from '../shared/patient/identity-client';
import { parseDatabaseUrl } from '../shared/store/database-url';
import { migrateDatabase } from '../shared/store/migrate';
import type { EhrHl7v2Config } from './config';
import { createHl7Context } from './context';
import { Hl7Ingestor } from './ingest/hl7-ingestor';
import { IngestQueue } from './ingest/ingest-queue';
import { messagesRoute } from './ingest/messages.route';
import { openSqlDatabase } from '../shared/store/sql-database';
import { MergeNotifier } from './linking/merge-notifier';
import { PatientLinker } from './linking/patient-linker';
import { decodeHl7Bytes } from './hl7/hl7-charset';
import { HL7_ERROR } from './hl7/hl7-message';
import { startMllpServer } from './mllp/mllp-server';
import { patientReferenceResolvers } from './patient/patient.reference';
import { PatientRecordsResolver } from './patient/patient-records.resolver';
import { Hl7VendorPatient } from './patient/patient.type';
import { openHl7Store } from './store';

export function buildEhrHl7v2Schema() {
  return buildFederatedSchema(
    {
      resolvers: [PatientRecordsResolver],
      // Patient is only reached through _entities here: name it so it is emitted.
      orphanedTypes: [Hl7VendorPatient],
    },
    patientReferenceResolvers,
  );
}

export interface RunningEhrHl7v2 extends RunningServer {
  mllpPort: number;
  /** Resolves when every received message is written and every due link attempted (tests). */
  settle(): Promise<void>;
}

/** Starts the ehr-hl7v2 subgraph: store, MLLP listener, identity linking, GraphQL over HTTP. */
export async function startEhrHl7v2(config: EhrHl7v2Config): Promise<RunningEhrHl7v2> {
  const logger = createLogger('ehr-hl7v2', config.logLevel);
  if (config.migrateOnStart) await migrateDatabase('ehr-hl7v2', config.databaseUrl);
  const store = await openHl7Store(config.databaseUrl);
  const identity = new IdentityClient(config.identityUrl, config.serviceToken);
  // Every write of this subgraph goes through one connection and its write lock.
  const writer = await openSqlDatabase(config.databaseUrl);
  const linker = new PatientLinker(store, writer, identity, logger.child({ part: 'linker' }));
  const merges = new MergeNotifier(store, writer, config.identityUrl, config.serviceToken, logger);
  const queue = new IngestQueue(writer, logger.child({ part: 'ingest' }), {
    onRelink: () => {
      linker.kick();
      merges.kick();
    },
  });
  const ingestor = new Hl7Ingestor(
    queue,
    {
      authoritySystems: config.authoritySystems,
      defaultOffset: config.defaultUtcOffset,
      application: config.ackApplication,
      facility: config.ackFacility,
    },
    logger.child({ part: 'ingest' }),
  );
  const schema = await buildEhrHl7v2Schema();
  const http = await startSubgraphServer({
    name: 'ehr-hl7v2',
    schema,
    host: config.host,
    port: config.port,
    assertionPublicKey: config.assertionPublicKey,
    serviceToken: config.serviceToken,
    logger,
    createContext: (base) =>
      createHl7Context(
        base,
        store,
        config.defaultUtcOffset,
        parseDatabaseUrl(config.databaseUrl).provider,
      ),
    consentConfig: config.consent,
    routes: [messagesRoute(ingestor)],
  });
  const mllp = await startMllpServer({
    host: config.mllpHost,
    port: config.mllpPort,
    maxFrameBytes: config.mllpMaxFrameBytes,
    logger: logger.child({ part: 'mllp' }),
    handleFrame: async (event) => {
      if (event.type === 'frame') return (await ingestor.ingest(decodeHl7Bytes(event.payload))).ack;
      return ingestor.reject(
        decodeHl7Bytes(event.head),
        event.type === 'oversized'
          ? {
              code: HL7_ERROR.applicationInternalError,
              text: `Message larger than ${config.mllpMaxFrameBytes} bytes; not stored`,
            }
          : {
              code: HL7_ERROR.segmentSequence,
              text: 'Incomplete MLLP frame (a new frame started before this one ended); not stored',
            },
      );
    },
  });
  linker.start();
  merges.start();
  return {
    ...http,
    mllpPort: mllp.port,
    async settle() {
      await queue.idle();
      await linker.idle();
    },
    async close() {
      await mllp.close();
      await http.close();
      await queue.idle();
      await linker.close();
      await merges.close();
      await writer.close();
      await store.$disconnect();
    },
  };
}
