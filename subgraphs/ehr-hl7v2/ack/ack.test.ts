import { get } from '../hl7/hl7-access';
import { DEFAULT_ENCODING } from '../hl7/hl7-message';
import { parseHl7Message } from '../hl7/hl7-parser';
import { buildAck, type AckRequest } from './ack-builder';
import { readAck } from './ack-reader';

const request = (version: string, encoding = DEFAULT_ENCODING): AckRequest => ({
  encoding,
  controlId: 'C-42',
  triggerEvent: 'R01',
  version,
  processingId: 'T',
  rawSendingApplication: 'LAB^1.2.3^ISO',
  rawSendingFacility: 'FAC',
  rawReceivingApplication: '',
  rawReceivingFacility: 'US',
});

const options = {
  severity: 'E' as const,
  ackControlId: 'ACK1',
  now: new Date('2024-01-02T03:04:05Z'),
  application: 'PATIENTGRAPH',
  facility: 'EHR-HL7V2',
};

describe('buildAck / readAck', () => {
  it('swaps sender and receiver, echoes version, processing id and MSH-10', () => {
    const ack = buildAck(request('2.5.1'), { ...options, code: 'AA', problems: [] });
    expect(ack.split('\r')[0]).toBe(
      'MSH|^~\\&|PATIENTGRAPH|US|LAB^1.2.3^ISO|FAC|20240102030405+0000||ACK^R01^ACK|ACK1|T|2.5.1',
    );
    expect(readAck(ack)).toEqual({
      code: 'AA',
      controlId: 'C-42',
      text: '',
      errors: [],
      duplicate: false,
    });
  });

  it('writes ERR the v2.5+ way and the pre-2.5 way, both readable', () => {
    const problem = {
      code: 101,
      text: 'PID-3 is empty',
      location: { segment: 'PID', sequence: 1, field: 3 },
    };
    const v25 = buildAck(request('2.5'), { ...options, code: 'AE', problems: [problem] });
    expect(v25).toContain(
      '\rERR||PID^1^3|101^Required field missing^HL70357|E||||PID-3 is empty\r',
    );
    expect(v25).toContain('\rMSA|AE|C-42|PID-3 is empty\r');
    const v23 = buildAck(request('2.3'), { ...options, code: 'AR', problems: [problem] });
    expect(v23).toContain('ACK^R01|');
    expect(v23).toContain('\rERR|PID^1^3^101&PID-3 is empty&HL70357\r');
    const v28 = buildAck(request('2.8'), { ...options, code: 'AE', problems: [problem] });
    expect(v28).toContain('\rMSA|AE|C-42\r');
    for (const ack of [v25, v23, v28]) {
      expect(readAck(ack)).toMatchObject({
        controlId: 'C-42',
        text: 'PID-3 is empty',
        errors: [{ code: '101' }],
      });
    }
  });

  it('mirrors custom delimiters and marks duplicates', () => {
    const custom = { ...DEFAULT_ENCODING, field: '#', component: '@' };
    const ack = buildAck(request('2.5.1', custom), {
      ...options,
      code: 'AA',
      severity: 'I',
      problems: [{ code: 205, text: 'Duplicate: already received' }],
    });
    expect(ack.startsWith('MSH#@~\\&#')).toBe(true);
    expect(get(parseHl7Message(ack), 'MSH', 9, 1, 2)).toBe('R01');
    expect(readAck(ack)).toMatchObject({ code: 'AA', duplicate: true });
  });
});
