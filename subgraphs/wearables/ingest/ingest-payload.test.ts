import { tableName } from '../series/sql-dialect';
import { openTempStore, type TempStore } from '../testing/temp-store';
import { ingestPayload, type IngestRequest } from './ingest-payload';

function egvs(values: [string, number][]) {
  return {
    recordType: 'egv',
    recordVersion: '3.0',
    userId: 'dexcom-user',
    records: values.map(([displayTime, value], index) => ({
      recordId: `r${index}`,
      systemTime: displayTime.slice(0, 19),
      displayTime,
      value,
      unit: 'mg/dL',
    })),
  };
}

const base: Omit<IngestRequest, 'kind' | 'payload'> = {
  accountId: 'SM1',
  vendor: null,
  zone: null,
  omhSchema: null,
};

describe('ingestPayload (real store)', () => {
  let db: TempStore;
  beforeAll(async () => {
    db = await openTempStore('ingest');
  });
  afterAll(() => db.close());

  it('merges re-sent readings as duplicates and stores corrections', async () => {
    const first = egvs([
      ['2026-01-01T00:00:00Z', 100],
      ['2026-01-01T00:05:00Z', 110],
      ['2026-01-01T00:05:00Z', 110], // the same reading twice in one payload
    ]);
    const stored = await ingestPayload(db, {
      ...base,
      kind: 'dexcom-egvs',
      payload: first,
    });
    expect(stored).toMatchObject({ accepted: 2, duplicates: 1, rejected: [] });
    const again = await ingestPayload(db, {
      ...base,
      kind: 'dexcom-egvs',
      payload: egvs([
        ['2026-01-01T00:00:00Z', 100],
        ['2026-01-01T00:05:00Z', 112], // smoothed later by the vendor
        ['2026-01-01T00:10:00Z', 120],
      ]),
    });
    expect(again).toMatchObject({ accepted: 2, duplicates: 1 });
    const rows = await db.store.wearablePoint.findMany({ orderBy: { startMs: 'asc' } });
    expect(rows.map((r) => [Number(r.startMs), r.value])).toEqual([
      [Date.UTC(2026, 0, 1, 0, 0), 100],
      [Date.UTC(2026, 0, 1, 0, 5), 112],
      [Date.UTC(2026, 0, 1, 0, 10), 120],
    ]);
  });

  it('lists rejected readings with their location and stores the rest', async () => {
    const summary = await ingestPayload(db, {
      ...base,
      accountId: 'SM2',
      kind: 'dexcom-egvs',
      payload: egvs([
        ['2026-01-02T00:00:00Z', 100],
        ['not a time', 110],
      ]),
    });
    expect(summary).toMatchObject({
      accepted: 1,
      rejected: [{ location: 'records[1]', reason: expect.stringMatching(/ISO date-time/) }],
      accounts: [{ vendor: 'dexcom', accountId: 'SM2' }],
    });
  });

  it('reads the zone of a Fitbit account from its enrollment', async () => {
    await db.store.deviceAccount.create({
      data: { vendor: 'fitbit', accountId: 'FB1', timeZone: 'Europe/Paris' },
    });
    const summary = await ingestPayload(db, {
      ...base,
      accountId: 'FB1',
      kind: 'fitbit-heart',
      payload: {
        'activities-heart': [{ dateTime: '2026-07-01', value: {} }],
        'activities-heart-intraday': { dataset: [{ time: '08:00:00', value: 70 }] },
      },
    });
    expect(summary).toMatchObject({ accepted: 1, warnings: [] });
    const row = await db.store.wearablePoint.findFirstOrThrow({ where: { type: 'heart-rate' } });
    expect(row.startIso).toBe('2026-07-01T08:00:00+02:00');
  });

  it('refuses data that names no account, without storing anything', async () => {
    const summary = await ingestPayload(db, {
      ...base,
      accountId: null,
      kind: 'fitbit-steps',
      payload: { 'activities-steps': [{ dateTime: '2026-01-01', value: '10' }] },
    });
    expect(summary.accepted).toBe(0);
    expect(summary.rejected[0]?.reason).toMatch(/pass \?account=<fitbit account id>/);
  });

  it('rolls the whole payload back when the database fails midway', async () => {
    const before = await db.store.wearablePoint.count();
    // Two accounts in one OMH payload; the second account's write fails.
    const dataPoint = (userId: string, value: number) => ({
      header: {
        id: `h-${userId}`,
        creation_date_time: '2026-01-01T00:00:00Z',
        schema_id: { namespace: 'omh', name: 'heart-rate', version: '2.0' },
        user_id: userId,
      },
      body: {
        heart_rate: { value, unit: 'beats/min' },
        effective_time_frame: { date_time: '2026-01-01T00:00:00Z' },
      },
    });
    // A trigger that fails the insert of one value: the database failing midway.
    if (db.dialect.provider === 'sqlite') {
      await db.store.$executeRawUnsafe(
        `CREATE TRIGGER fail_666 BEFORE INSERT ON "WearablePoint" WHEN NEW."value" = 666 BEGIN SELECT RAISE(ABORT, 'boom'); END`,
      );
    } else {
      const table = tableName(db.dialect, 'WearablePoint');
      const fn = `"${db.dialect.schema}".fail_666`;
      await db.store.$executeRawUnsafe(
        `CREATE FUNCTION ${fn}() RETURNS trigger AS $$ BEGIN IF NEW."value" = 666 THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await db.store.$executeRawUnsafe(
        `CREATE TRIGGER fail_666 BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
      );
    }
    await expect(
      ingestPayload(db, {
        ...base,
        accountId: null,
        vendor: null,
        kind: 'omh',
        payload: [dataPoint('user-a', 60), dataPoint('user-b', 666)],
      }),
    ).rejects.toThrow();
    expect(await db.store.wearablePoint.count()).toBe(before);
  });
});
