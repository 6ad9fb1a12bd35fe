import type { MappedPoint } from '../mappers/mapped-types';
import { openTempStore, type TempStore } from '../testing/temp-store';

const NASTY = [
  "it's",
  'back\\slash',
  '\\\'; DROP TABLE "WearablePoint"; --',
  "E'\\x41'",
  '$$ dollar $$',
  'ümlaut ✓ 𝄞',
  'nul\u0000byte',
];

function point(startMs: number, sourceId: string): MappedPoint {
  return {
    type: 'heart-rate',
    statistic: '',
    startMs,
    startIso: new Date(startMs).toISOString(),
    endMs: null,
    endIso: null,
    value: 0.1 + 0.2,
    originalValue: 1e-7,
    originalUnit: "beats/min'",
    sourceId,
  };
}

describe('point and sleep statements (real store)', () => {
  let db: TempStore;
  beforeAll(async () => {
    db = await openTempStore('writer');
  });
  afterAll(() => db.close());

  it('stores any string and number exactly (NUL dropped), whatever it contains', async () => {
    const account = await db.store.deviceAccount.create({
      data: { vendor: 'omh', accountId: 'w' },
    });
    const counts = await db.writeRows(
      NASTY.map((text, i) => ({
        accountKey: account.key,
        point: point(1_700_000_000_000 + i, text),
      })),
    );
    expect(counts.points).toEqual({ written: NASTY.length, duplicates: 0 });
    const rows = await db.store.wearablePoint.findMany({ orderBy: { startMs: 'asc' } });
    expect(rows.map((r) => r.sourceId)).toEqual(NASTY.map((text) => text.replace('\u0000', '')));
    expect(rows[0]).toMatchObject({ value: 0.30000000000000004, originalValue: 1e-7 });
    expect(rows[0]?.originalUnit).toBe("beats/min'");
    await db.writeRows(
      [],
      [
        {
          accountKey: account.key,
          episode: {
            startMs: 1_700_000_000_000,
            startIso: '2023-11-14T22:13:20Z',
            endMs: 1_700_000_600_000,
            endIso: '2023-11-14T22:23:20Z',
            minutesAsleep: 10,
            minutesAwake: null,
            efficiency: null,
            isMainSleep: false,
            stages: [{ level: "it's \\ deep", minutes: 10, count: 1 }],
            segments: [],
            sourceId: NASTY[2]!,
          },
        },
      ],
    );
    const sleep = await db.store.sleepEpisode.findFirstOrThrow();
    expect(JSON.parse(sleep.stagesJson)).toEqual([
      { level: "it's \\ deep", minutes: 10, count: 1 },
    ]);
    expect(sleep).toMatchObject({ isMainSleep: false, minutesAwake: null, sourceId: NASTY[2] });
  });

  it('refuses a non-finite number instead of writing it', async () => {
    const account = await db.store.deviceAccount.create({
      data: { vendor: 'omh', accountId: 'n' },
    });
    await expect(
      db.writeRows([{ accountKey: account.key, point: { ...point(1, 'x'), value: Number.NaN } }]),
    ).rejects.toThrow('not a finite number');
  });
});
