import { buildFederatedSchema } from '../shared/build-subgraph-schema';
import { startSubgraphServer, type RunningServer } from '../shared/http/subgraph-server';
import { createLogger } from '../shared/logger';
import { IdentityClient } from '../shared/patient/identity-client';
import { migrateDatabase } from '../shared/store/migrate';
import type { WearablesConfig } from './config';
import { createWearablesContext } from './context';
import { enrollmentStatusRoute, enrollmentsRoute } from './enrollment/enrollments.route';
import { LinkRetrier } from './enrollment/link-retrier';
import { openBatchWriter } from '../shared/store/batch-writer';
import { openSqlDatabase } from '../shared/store/sql-database';
import { PointWriteQueue } from './ingest/point-write-queue';
import { ingestRoutes } from './ingest/ingest.route';
import { patientReferenceResolvers } from './patient/patient.reference';
import { PatientWearablesResolver } from './patient/patient.resolver';
import { Patient } from './patient/patient.type';
import {
  GlucoseSeriesResolver,
  HeartRateSeriesResolver,
  OxygenSaturationSeriesResolver,
  StepSeriesResolver,
} from './series/series.resolver';
import { dialectOf, openWearablesStore } from './store';

export function buildWearablesSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        PatientWearablesResolver,
        HeartRateSeriesResolver,
        GlucoseSeriesResolver,
        StepSeriesResolver,
        OxygenSaturationSeriesResolver,
      ],
      // No query returns a Patient here: the entity is only reached through
      // _entities, so it has to be named for type-graphql to emit it.
      orphanedTypes: [Patient],
    },
    patientReferenceResolvers,
  );
}

/** Starts the wearables subgraph: store, identity link retries, schema, HTTP. */
export async function startWearables(config: WearablesConfig): Promise<RunningServer> {
  const logger = createLogger('wearables', config.logLevel);
  if (config.migrateOnStart) await migrateDatabase('wearables', config.databaseUrl);
  const store = await openWearablesStore(config.databaseUrl);
  const dialect = dialectOf(config.databaseUrl);
  const bulk = await openBatchWriter(config.databaseUrl);
  const sql = await openSqlDatabase(config.databaseUrl);
  const identity = new IdentityClient(config.identityUrl, config.serviceToken);
  const policy = { retryBaseMs: config.linkRetryBaseMs, retryMaxMs: config.linkRetryMaxMs };
  const retrier = new LinkRetrier(
    store,
    identity,
    { ...policy, intervalMs: config.linkRetryIntervalMs },
    logger,
  );
  const schema = await buildWearablesSchema();
  let server: RunningServer;
  try {
    server = await startSubgraphServer({
      name: 'wearables',
      schema,
      host: config.host,
      port: config.port,
      assertionPublicKey: config.assertionPublicKey,
      serviceToken: config.serviceToken,
      logger,
      createContext: (base) => createWearablesContext(base, store, dialect),
      consentConfig: config.consent,
      routes: [
        enrollmentsRoute(store, identity, policy),
        enrollmentStatusRoute(store),
        ...ingestRoutes(
          { store, sql, writes: new PointWriteQueue(bulk) },
          { maxBodyBytes: config.ingestMaxBytes },
        ),
      ],
    });
  } catch (error) {
    await bulk.close();
    await sql.close();
    await store.$disconnect();
    throw error;
  }
  retrier.start();
  return {
    ...server,
    async close() {
      await retrier.stop();
      await server.close();
      await bulk.close();
      await sql.close();
      await store.$disconnect();
    },
  };
}
