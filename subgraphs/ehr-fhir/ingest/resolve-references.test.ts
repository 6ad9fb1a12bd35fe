import type { ConditionalQuery } from './conditional-query';
import { queryKey } from './conditional-query';
import { planBundleEntry } from './ingest-plan';
import { resolveEntries } from './resolve-references';

const NPI = 'http://hl7.org/fhir/sid/us-npi';

function entries(items: unknown[]) {
  return items.map((entry, index) => planBundleEntry(entry, index, 'transaction'));
}

describe('resolveEntries', () => {
  it('rewrites urn:uuid references to Type/id and keeps ids from POST entries', async () => {
    const resolved = await resolveEntries(
      entries([
        {
          fullUrl: 'urn:uuid:11111111-1111-1111-1111-111111111111',
          resource: { resourceType: 'Patient' },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          fullUrl: 'urn:uuid:22222222-2222-2222-2222-222222222222',
          resource: {
            resourceType: 'Condition',
            id: 'c1',
            subject: { reference: 'urn:uuid:11111111-1111-1111-1111-111111111111' },
          },
          request: { method: 'POST', url: 'Condition' },
        },
      ]),
      true,
      async () => new Map(),
    );
    expect(resolved[0]!.id).toBe('11111111-1111-1111-1111-111111111111');
    expect(resolved[0]!.resource!.id).toBe('11111111-1111-1111-1111-111111111111');
    expect(resolved[1]!.resource!.subject).toEqual({
      reference: 'Patient/11111111-1111-1111-1111-111111111111',
    });
  });

  it('resolves conditional references and ifNoneExist against the store and the bundle', async () => {
    const seen: ConditionalQuery[] = [];
    const resolved = await resolveEntries(
      entries([
        {
          fullUrl: 'urn:uuid:33333333-3333-3333-3333-333333333333',
          resource: {
            resourceType: 'Organization',
            identifier: [{ system: 'urn:org', value: 'o1' }],
          },
          request: { method: 'POST', url: 'Organization', ifNoneExist: 'identifier=urn:org|o1' },
        },
        {
          resource: {
            resourceType: 'Encounter',
            id: 'e1',
            status: 'finished',
            participant: [{ individual: { reference: `Practitioner?identifier=${NPI}|9999` } }],
            serviceProvider: { reference: 'Organization?identifier=urn:org|o1' },
          },
          request: { method: 'PUT', url: 'Encounter/e1' },
        },
      ]),
      true,
      async (queries) => {
        seen.push(...queries);
        return new Map([
          [
            queryKey({
              resourceType: 'Practitioner',
              param: 'identifier',
              system: NPI,
              value: '9999',
            }),
            ['doc-1'],
          ],
          [
            queryKey({
              resourceType: 'Organization',
              param: 'identifier',
              system: 'urn:org',
              value: 'o1',
            }),
            ['org-9'],
          ],
        ]);
      },
    );
    expect(seen).toHaveLength(2);
    expect(resolved[0]).toMatchObject({ id: 'org-9', existing: true });
    const encounter = resolved[1]!.resource as {
      participant: { individual: { reference: string } }[];
      serviceProvider: { reference: string };
    };
    expect(encounter.participant[0]!.individual.reference).toBe('Practitioner/doc-1');
    expect(encounter.serviceProvider.reference).toBe('Organization/org-9');
  });

  it('fails a transaction on a dangling urn:uuid but only warns in a batch', async () => {
    const dangling = [
      {
        resource: {
          resourceType: 'Condition',
          id: 'c',
          subject: { reference: 'urn:uuid:nowhere' },
        },
        request: { method: 'PUT', url: 'Condition/c' },
      },
    ];
    const strict = await resolveEntries(entries(dangling), true, async () => new Map());
    expect(strict[0]!.issues[0]).toMatchObject({
      severity: 'error',
      expression: ['Bundle.entry[0].resource.subject.reference'],
    });
    const lenient = await resolveEntries(entries(dangling), false, async () => new Map());
    expect(lenient[0]!.issues[0]).toMatchObject({ severity: 'warning' });
  });

  it('fails a transaction on a conditional reference matching no resource or several', async () => {
    const referring = (reference: string) => [
      {
        resource: { resourceType: 'Condition', id: 'c', subject: { reference } },
        request: { method: 'PUT', url: 'Condition/c' },
      },
    ];
    const lookup = async (queries: ConditionalQuery[]) =>
      new Map(queries.map((q) => [queryKey(q), q.value === 'twice' ? ['p1', 'p2'] : []]));
    const none = await resolveEntries(
      entries(referring('Patient?identifier=urn:mrn|none')),
      true,
      lookup,
    );
    expect(none[0]!.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'not-found',
        expression: ['Bundle.entry[0].resource.subject.reference'],
      }),
    ]);
    const several = await resolveEntries(
      entries(referring('Patient?identifier=urn:mrn|twice')),
      true,
      lookup,
    );
    expect(several[0]!.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'multiple-matches' }),
    ]);
    const batch = await resolveEntries(
      entries(referring('Patient?identifier=urn:mrn|none')),
      false,
      lookup,
    );
    expect(batch[0]!.issues).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });
});
