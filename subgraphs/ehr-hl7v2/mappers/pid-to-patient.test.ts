import fs from 'node:fs';
import path from 'node:path';
import { VENDOR_SYSTEMS } from '../../../generator/vendor-systems';
import { findSegment } from '../hl7/hl7-access';
import { parseHl7Message } from '../hl7/hl7-parser';
import { DEFAULT_AUTHORITY_SYSTEMS, parseAuthoritySystems } from './identifier-systems';
import { pidToPatient } from './pid-to-patient';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hl7v2');
const pidOf = (text: string) => findSegment(parseHl7Message(text), 'PID')!;
const options = { authoritySystems: DEFAULT_AUTHORITY_SYSTEMS, senderScope: 'RVLAB_LIS' };

describe('pidToPatient', () => {
  it('maps the feed key, the other PID-3 ids and PID-19 with their systems', () => {
    const pid = pidOf(
      'MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5.1\r' +
        'PID|1||H12345678^^^RVLAB^PI~MRN0000001^^^RIVERSIDE^MR||Doe^Jane^Q^^Ms.||19800131|F|||1 Main St^^Boston^MA^02101^US^H||555-123-4567^PRN^PH||||||999-12-3456',
    );
    expect(pidToPatient(pid, options)).toEqual({
      keySystem: 'urn:patientgraph:hl7v2:RVLAB',
      keyValue: 'H12345678',
      authority: 'RVLAB',
      identifiers: [
        { system: 'urn:patientgraph:hl7v2:RVLAB', value: 'H12345678', typeCode: 'PI' },
        { system: VENDOR_SYSTEMS.riversideMrn, value: 'MRN0000001', typeCode: 'MR' },
        { system: VENDOR_SYSTEMS.ssn, value: '999-12-3456', typeCode: 'SS' },
      ],
      demographics: {
        names: [{ family: 'Doe', given: ['Jane', 'Q'], prefix: ['Ms.'] }],
        birthDate: '1980-01-31',
        gender: 'female',
        addresses: [
          {
            line: ['1 Main St'],
            city: 'Boston',
            state: 'MA',
            postalCode: '02101',
            country: 'US',
            use: 'home',
          },
        ],
        telecom: [{ system: 'phone', value: '555-123-4567', use: 'home' }],
      },
    });
  });

  it('reads the real ADT01-28 PID (SS in PID-3, unformatted PID-19)', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'ADT01-28.hl7'), 'utf8');
    const patient = pidToPatient(pidOf(text), options)!;
    expect(patient.keySystem).toBe('urn:patientgraph:hl7v2:ADT1');
    expect(patient.identifiers).toEqual([
      { system: 'urn:patientgraph:hl7v2:ADT1', value: 'PATID1234', typeCode: 'MR' },
      { system: VENDOR_SYSTEMS.ssn, value: '123-45-6789', typeCode: 'SS' },
      { system: VENDOR_SYSTEMS.ssn, value: '444-33-3333', typeCode: 'SS' },
    ]);
    expect(patient.demographics.names).toEqual([
      { family: 'EVERYMAN', given: ['ADAM', 'A'], suffix: ['III'] },
    ]);
    expect(patient.demographics.telecom).toEqual([
      { system: 'phone', value: '(555) 555-2004', use: 'home' },
      { system: 'phone', value: '(555)555-2004', use: 'work' },
    ]);
    expect(patient.demographics).toMatchObject({ birthDate: '1961-06-15', gender: 'male' });
  });

  it('scopes ids without an authority to the sender and reads OIDs and configured systems', () => {
    const noAuthority = pidOf('MSH|^~\\&|A|B|C|D|2024||ORU^R01|1|P|2.4\rPID|||555-44-4444||X^Y');
    expect(pidToPatient(noAuthority, { ...options, senderScope: 'ELAB-3' })?.keySystem).toBe(
      'urn:patientgraph:hl7v2:ELAB-3',
    );
    const oid = pidOf('MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rPID|||7^^^&1.2.840.1&ISO^MR');
    expect(pidToPatient(oid, options)?.keySystem).toBe('urn:oid:1.2.840.1');
    const custom = parseAuthoritySystems('rvlab=https://lab.example/id');
    expect(custom.problems).toEqual([]);
    const pid = pidOf('MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rPID|||7^^^RVLAB^PI');
    expect(
      pidToPatient(pid, {
        ...options,
        authoritySystems: { ...DEFAULT_AUTHORITY_SYSTEMS, ...custom.systems },
      })?.keySystem,
    ).toBe('https://lab.example/id');
    expect(parseAuthoritySystems('nosystem,X=not a uri').problems).toHaveLength(2);
  });

  it('falls back to PID-2 (pre-2.5 external id) and returns null without any id', () => {
    const pid2 = pidOf('MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.3\rPID|1|E77^^^OLD||');
    expect(pidToPatient(pid2, options)?.keyValue).toBe('E77');
    expect(
      pidToPatient(pidOf('MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.3\rPID|1||""'), options),
    ).toBeNull();
  });
});
