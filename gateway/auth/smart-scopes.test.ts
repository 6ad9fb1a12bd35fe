import { parseScope, parseScopes, scopeReadsType, scopesReadType } from './smart-scopes';

describe('parseScope', () => {
  it('reads SMART v2 resource scopes', () => {
    const scope = parseScope('patient/Observation.rs')!;
    expect(scope).toMatchObject({
      context: 'patient',
      resourceType: 'Observation',
      version: 2,
      constraints: [],
    });
    expect([...scope.permissions].sort()).toEqual(['r', 's']);
    expect(parseScope('user/*.cruds')!.permissions.size).toBe(5);
    expect(parseScope('system/*.rs')).toMatchObject({ context: 'system', resourceType: '*' });
  });

  it('understands v1 read, write and * permissions', () => {
    expect([...parseScope('patient/*.read')!.permissions].sort()).toEqual(['r', 's']);
    expect([...parseScope('user/Condition.write')!.permissions].sort()).toEqual(['c', 'd', 'u']);
    expect(parseScope('user/Condition.*')!.permissions.size).toBe(5);
    expect(parseScope('user/Condition.READ')!.version).toBe(1);
  });

  it('keeps v2 search-parameter constraints', () => {
    const scope = parseScope(
      'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
    )!;
    expect(scope.constraints).toEqual([
      ['category', 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory'],
    ]);
  });

  it.each([
    'openid',
    'fhirUser',
    'launch/patient',
    'offline_access',
    'patient/Observation',
    'patient/Observation.',
    'patient/Observation.rr',
    'patient/Observation.x',
    'patient/observation.rs',
    'practitioner/Observation.rs',
    'patient/Observation.read?category=laboratory',
    'patient/Obs-ervation.rs',
    '',
  ])('grants nothing for %p', (raw) => {
    expect(parseScope(raw)).toBeNull();
  });

  it('matches the context case-insensitively but resource types exactly', () => {
    expect(parseScope('Patient/Observation.rs')?.context).toBe('patient');
    expect(parseScope('patient/OBSERVATION.rs')?.resourceType).toBe('OBSERVATION');
  });

  it('drops non-resource scopes from a token', () => {
    expect(parseScopes(['openid', 'user/*.rs', 'launch']).map((s) => s.raw)).toEqual(['user/*.rs']);
  });
});

describe('scopeReadsType', () => {
  const reads = (raw: string, type: string) => scopeReadsType(parseScope(raw)!, type);

  it('needs r or s on the type or on *', () => {
    expect(reads('patient/Observation.rs', 'Observation')).toBe(true);
    expect(reads('patient/Observation.r', 'Observation')).toBe(true);
    expect(reads('patient/Observation.s', 'Observation')).toBe(true);
    expect(reads('patient/Observation.cud', 'Observation')).toBe(false);
    expect(reads('patient/Observation.rs', 'Condition')).toBe(false);
    expect(reads('user/*.rs', 'Condition')).toBe(true);
    expect(reads('system/*.read', 'Patient')).toBe(true);
    expect(reads('user/*.write', 'Patient')).toBe(false);
  });

  it('does not let a constrained scope read the whole type', () => {
    expect(reads('patient/Observation.rs?category=laboratory', 'Observation')).toBe(false);
  });

  it('combines a token’s scopes', () => {
    const scopes = parseScopes(['patient/Condition.rs', 'patient/Observation.cu']);
    expect(scopesReadType(scopes, 'Condition')).toBe(true);
    expect(scopesReadType(scopes, 'Observation')).toBe(false);
  });
});
