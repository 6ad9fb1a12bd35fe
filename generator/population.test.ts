import { generatePerson, generatePopulation, type PopulationOptions } from './population';

const options: PopulationOptions = {
  seed: 7,
  size: 12,
  asOf: new Date('2026-11-01T00:00:00Z'),
  wearableDays: 7,
};

describe('generatePopulation', () => {
  const people = [...generatePopulation(options)];

  it('is deterministic and indexable', () => {
    expect(generatePerson(options, 5)).toEqual(people[5]);
    expect(JSON.stringify([...generatePopulation(options)])).toBe(JSON.stringify(people));
    expect(generatePerson({ ...options, seed: 8 }, 5)).not.toEqual(people[5]);
  });

  it('gives every person data in both EHRs, and diabetes (with CGM) to every fourth', () => {
    for (const person of people) {
      expect(person.encounters.some((e) => e.source === 'ehr-fhir' && e.labs.length > 0)).toBe(
        true,
      );
      expect(person.encounters.some((e) => e.source === 'ehr-hl7v2' && e.labs.length > 0)).toBe(
        true,
      );
      if (person.index % 4 === 0) {
        expect(person.conditions.map((c) => c.key)).toContain('diabetes');
        expect(person.wearable?.cgm).not.toBeNull();
      }
    }
  });

  it('places every event before asOf and keeps ids unique', () => {
    const ids = new Set<string>();
    for (const person of people) {
      expect(person.birthDate < '2026-11-01').toBe(true);
      for (const encounter of person.encounters) {
        expect(encounter.start < '2026-11-01').toBe(true);
        expect(encounter.end >= encounter.start).toBe(true);
        for (const id of [encounter.id, ...encounter.labs.map((l) => l.id)]) {
          expect(ids.has(id)).toBe(false);
          ids.add(id);
        }
      }
    }
  });
});
