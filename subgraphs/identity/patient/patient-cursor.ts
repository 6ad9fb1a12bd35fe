import { BadUserInputError } from '../../shared/errors';

/** Position in the (searchName, id) ordering of patients; opaque to clients. */
export interface PatientCursor {
  searchName: string;
  id: string;
}

export function encodePatientCursor(cursor: PatientCursor): string {
  return Buffer.from(JSON.stringify([cursor.searchName, cursor.id])).toString('base64url');
}

export function decodePatientCursor(text: string): PatientCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return { searchName: value[0] as string, id: value[1] as string };
    }
  } catch {
    // fall through to the typed error
  }
  throw new BadUserInputError('Invalid cursor in `after`', { argument: 'after' });
}
