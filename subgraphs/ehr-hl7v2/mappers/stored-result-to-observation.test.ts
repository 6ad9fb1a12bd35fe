import fs from 'node:fs';
import path from 'node:path';
import { planOf, resultRowsOf } from '../testing/planned-rows';
import { storedResultToObservation } from './stored-result-to-observation';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hl7v2');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const UCUM = 'http://unitsofmeasure.org';

function observations(text: string) {
  return resultRowsOf(planOf(text)).map((row) => storedResultToObservation(row));
}

const MSH =
  'MSH|^~\\&|RVLAB_LIS|RIVERSIDE_GH|PG|PG|20240102030405-0500||ORU^R01^ORU_R01|C9|P|2.5.1';
const PID = 'PID|1||H1^^^RVLAB^PI';
const OBR =
  'OBR|1|P1|F1|51990-0^Basic metabolic panel^LN|||20240102010000-0500|||||||||||||||20240102020000-0500|||F';

describe('storedResultToObservation', () => {
  it('maps the NIST LRI CBC like the v2-to-FHIR IG (NM with UCUM, ranges, flags, CWE, TX)', () => {
    const all = observations(fixture('LRI_2.0-NG_CBC_Typ_Message.hl7'));
    expect(all).toHaveLength(28);
    const [rbc, hgb] = all;
    expect(rbc).toMatchObject({
      status: 'final',
      category: [{ coding: [{ code: 'laboratory' }] }],
      code: {
        coding: [{ system: 'http://loinc.org', code: '26453-1' }],
        text: 'Erythrocytes [#/volume] in Blood',
      },
      valueQuantity: {
        value: 4.41,
        unit: 'million per microliter',
        system: UCUM,
        code: '10*6/uL',
      },
      referenceRange: [
        { low: { value: 4.3, code: '10*6/uL' }, high: { value: 6.2 }, text: '4.3 to 6.2' },
      ],
      interpretation: [{ coding: [{ system: V3, code: 'N', display: 'Normal' }] }],
      effectiveDateTime: '2011-01-03T14:34:28-08:00',
      source: {
        subgraph: 'ehr-hl7v2',
        system: 'urn:patientgraph:hl7v2:sender:NIST%20Test%20Lab%20APP@NIST%20Lab%20Facility',
        recordId: 'NIST-LRI-NG-002.00/OBX/1',
        format: 'HL7 v2.5.1',
      },
    });
    expect(hgb?.interpretation[0]?.coding[0]).toMatchObject({ code: 'L', display: 'Low' });
    expect(all[3]?.interpretation[0]?.coding[0]).toMatchObject({
      code: 'HH',
      display: 'Critical high',
    });
    expect(all[19]?.valueCodeableConcept).toEqual({
      coding: [
        {
          system: 'http://snomed.info/sct',
          code: '260348001',
          display: 'Present ++ out of ++++',
          version: null,
          userSelected: null,
        },
      ],
      text: 'Moderate Anisocytosis',
    });
    expect(all[25]?.valueString).toBe('Many spherocytes present.');
    expect(all.every((o) => o.issued === '2011-01-04T17:00:28-08:00')).toBe(true);
  });

  it('maps SN "^182" with a text range and an H flag (HL7 spec glucose example)', () => {
    const [glucose] = observations(fixture('ORU-R01-RMGEAD.hl7'));
    expect(glucose).toMatchObject({
      status: 'final',
      valueQuantity: { value: 182, comparator: null, unit: 'mg/dl', system: UCUM, code: 'mg/dL' },
      referenceRange: [{ low: { value: 70 }, high: { value: 105 }, text: '70_105' }],
      interpretation: [{ coding: [{ code: 'H', display: 'High' }] }],
      effectiveDateTime: '2002-02-15T07:30:00+06:00',
    });
  });

  it('maps SN comparators, ratios and ranges, NM comparators, dates, notes and statuses', () => {
    const text = [
      MSH,
      PID,
      OBR,
      'OBX|1|SN|1^A^LN||<^5|mg/L^^UCUM|<10||||F',
      'OBX|2|SN|2^B^LN||^1^:^128||||||C',
      'OBX|3|SN|3^C^LN||^10^-^20|%|||||P',
      'OBX|4|NM|4^D^LN||>=100|U/L|||||X',
      'OBX|5|DT|5^E^LN||20240101||||||F',
      'OBX|6|ST|6^F^LN||see note\\T\\comment||||||',
      'NTE|1||Hemolyzed\\.br\\specimen',
      'OBX|7|NM|7^G^LN||||||||X',
      'OBX|8|ED|8^H^LN||^application^pdf^Base64^JVBERi0=||||||F',
    ].join('\r');
    const [sn, ratio, range, nm, dt, st, cancelled, ed] = observations(text);
    expect(sn?.valueQuantity).toMatchObject({ value: 5, comparator: '<', code: 'mg/L' });
    expect(sn?.referenceRange[0]).toMatchObject({ low: null, high: { value: 10 } });
    expect(ratio).toMatchObject({
      status: 'corrected',
      valueRatio: { numerator: { value: 1 }, denominator: { value: 128 } },
    });
    expect(range).toMatchObject({
      status: 'preliminary',
      valueRange: { low: { value: 10, code: '%' }, high: { value: 20 } },
    });
    expect(nm).toMatchObject({
      status: 'cancelled',
      valueQuantity: { value: 100, comparator: '>=' },
    });
    expect(dt?.valueDateTime).toBe('2024-01-01');
    expect(st).toMatchObject({ status: 'final', valueString: 'see note&comment' });
    expect(st?.note).toEqual(['Hemolyzed\nspecimen']);
    expect(st?.effectiveDateTime).toBe('2024-01-02T01:00:00-05:00');
    expect(cancelled?.dataAbsentReason?.coding[0]?.code).toBe('not-performed');
    expect(ed?.valueString).toBeNull();
    expect(ed?.note[0]).toMatch(/Encapsulated data \(application\/pdf\)/);
  });
});
