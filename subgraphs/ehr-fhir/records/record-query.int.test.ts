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
    const counting = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'fhirResource') return value;
        return new Proxy(value as object, {
          get(model, method, r) {
            const fn = Reflect.get(model, method, r) as unknown;
            if (method !== 'findMany' || typeof fn !== 'function') return fn;
            return (...args: unknown[]) => {
              queries++;
              return (fn as (...a: unknown[]) => unknown).apply(model, args);
            };
          },
        });
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
});
