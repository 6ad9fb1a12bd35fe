import path from 'node:path';
import { emitFhirBundles } from '../../../generator/emit/fhir-bundle.emitter';
import { generatePerson } from '../../../generator/population';
import { startEhrFhirPair, type EhrFhirPair } from '../ehr-fhir.test-harness';
import { openEhrFhirStore, type EhrFhirStore } from '../store';
import { createRecordLoader } from './record-query';

const OPTIONS = { seed: 11, size: 5, asOf: new Date('2026-02-01T00:00:00Z'), wearableDays: 1 };

describe('record loader batching (real SQLite store)', () => {
  let pair: EhrFhirPair;
  let store: EhrFhirStore;
  const people = [0, 1, 2].map((i) => generatePerson(OPTIONS, i));

  beforeAll(async () => {
    pair = await startEhrFhirPair({ identity: false });
    for (const person of people)
      await pair.post('/fhir', emitFhirBundles(person, OPTIONS)[0]!.content);
    store = await openEhrFhirStore(`file:${path.join(pair.dir, 'ehr-fhir.db')}`);
  });
  afterAll(async () => {
    await store.$disconnect();
    await pair.close();
  });

  it('answers N patients with one store query per distinct filter', async () => {
    let queries = 0;
    // Every record query is one raw statement on the store.
    const counting = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== '$queryRawUnsafe' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          queries++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const loader = createRecordLoader(counting);
    const filter = { resourceType: 'Encounter', first: 100 };
    const results = await Promise.all(
      people.map((p) => loader.load({ patientIds: [p.ids.fhirPatientId], filter })),
    );
    expect(queries).toBe(1);
    results.forEach((encounters, i) => {
      expect(encounters.map((e) => e.id).sort()).toEqual(
        people[i]!.encounters.filter((e) => e.source === 'ehr-fhir')
          .map((e) => e.id)
          .sort(),
      );
    });
    await Promise.all(
      people.map((p) =>
        loader.load({
          patientIds: [p.ids.fhirPatientId],
          filter: { resourceType: 'Condition', first: 1 },
        }),
      ),
    );
    expect(queries).toBe(2);
  });

  it('cuts each patient to `first` in the store, keeping the records newest-first order picks', async () => {
    const cases = [
      { resourceType: 'Observation' },
      {
        resourceType: 'Observation',
        tokens: [{ param: 'category', system: null, code: 'laboratory' }],
      },
      { resourceType: 'Encounter', overlap: true, from: '2000-01-01T00:00:00.000Z' },
      { resourceType: 'Condition' },
    ];
    let cutsMade = 0;
    for (const filter of cases) {
      const load = (first: number) =>
        Promise.all(
          people.map((p) =>
            createRecordLoader(store).load({
              patientIds: [p.ids.fhirPatientId],
              filter: { ...filter, first },
            }),
          ),
        );
      const [all, cut] = [await load(1000), await load(3)];
      if (all.some((records) => records.length > 3)) cutsMade++;
      cut.forEach((records, i) => {
        expect(records.map((r) => r.id)).toEqual(all[i]!.slice(0, 3).map((r) => r.id));
      });
    }
    // The cut was exercised, not only passed through.
    expect(cutsMade).toBeGreaterThanOrEqual(2);
  });
});
