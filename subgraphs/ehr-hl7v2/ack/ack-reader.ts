import { clean, findSegment, findSegments, getValue } from '../hl7/hl7-access';
import { HL7_ERROR } from '../hl7/hl7-message';
import { parseHl7Message } from '../hl7/hl7-parser';

export interface Hl7AckError {
  code: string;
  text: string;
  /** E, W or I (v2.5+); E for older ERR segments. */
  severity: string;
}

/** An acknowledgment as a sender reads it. */
export interface Hl7Ack {
  /** MSA-1: AA/AE/AR (original mode) or CA/CE/CR (enhanced mode). */
  code: string;
  /** MSA-2: the control id of the message acknowledged. */
  controlId: string;
  /** MSA-3 and the ERR texts, for a person. */
  text: string;
  errors: Hl7AckError[];
  /** An AA that says the message had been received before (ERR 205, or MSA-3 "Duplicate"). */
  duplicate: boolean;
}

/** Reads an ACK (any v2 version). Throws Hl7ParseError when the text is not one. */
export function readAck(text: string): Hl7Ack {
  const message = parseHl7Message(text);
  const msa = findSegment(message, 'MSA');
  if (!msa) throw new Error('Acknowledgment has no MSA segment');
  const errors = findSegments(message, 'ERR').map((err) => {
    // v2.5+: ERR-3 code, ERR-4 severity, ERR-8 user message; before: ERR-1.4 (code & text).
    const code = clean(getValue(err, 3, 1, 1)) || clean(getValue(err, 1, 1, 4, 1));
    const errText =
      clean(getValue(err, 8)) || clean(getValue(err, 1, 1, 4, 2)) || clean(getValue(err, 3, 1, 2));
    return { code, text: errText, severity: clean(getValue(err, 4)).toUpperCase() || 'E' };
  });
  const msaText = clean(getValue(msa, 3));
  const code = clean(getValue(msa, 1)).toUpperCase();
  const texts = [msaText, ...errors.map((e) => e.text)].filter(
    (value, index, all) => value && all.indexOf(value) === index,
  );
  return {
    code,
    controlId: clean(getValue(msa, 2)),
    text: texts.join('; '),
    errors,
    duplicate:
      (code === 'AA' || code === 'CA') &&
      (errors.some((e) => e.code === String(HL7_ERROR.duplicateKeyIdentifier)) ||
        /^duplicate/i.test(msaText)),
  };
}
