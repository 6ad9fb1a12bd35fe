import type { PatientLinkRequest } from '../../shared/patient/link-request';
import type { DatabaseProvider } from '../../shared/store/database-url';
import type { StoredIdentifier } from '../store';
import type { IdentityTx } from './identity-tx';
import {
  attachIdentifiers,
  createPatient,
  demographicColumns,
  fillMissingDemographics,
  savePatientRecord,
  type LinkWhy,
} from './patient-writes';
import { lockLivePatient } from '../merging/live-patient';

export class PatientGoneError extends Error {
  constructor() {
    super('The patient to link to does not exist');
    this.name = 'PatientGoneError';
  }
}

const keyOf = (i: { system: string; value: string }) => `${i.system}|${i.value}`;

export interface LinkRecordTarget {
  /** A patient id (merged ids are followed), or null for a new patient. */
  patientId: string | null;
  /** 'replace': the record is the patient's own (same vendor record re-sent); 'fill': only gaps. */
  demographics: 'replace' | 'fill';
}

/**
 * Links a vendor record to a patient: its not-yet-linked identifiers join the
 * patient (each with `why`), its demographics are kept as a PatientRecord for
 * later matching, and the patient row gains what it lacked. Identifiers already
 * linked stay where they are: only a merge moves identifiers between patients.
 */
export async function linkRecord(
  tx: IdentityTx,
  request: PatientLinkRequest,
  known: StoredIdentifier[],
  target: LinkRecordTarget,
  why: LinkWhy,
  provider: DatabaseProvider = 'sqlite',
): Promise<{ patientId: string; created: StoredIdentifier[] }> {
  let patientId: string;
  if (target.patientId === null) {
    patientId = await createPatient(tx, request.demographics, provider);
  } else {
    const patient = await lockLivePatient(tx, target.patientId);
    if (!patient) throw new PatientGoneError();
    patientId = patient.id;
    if (target.demographics === 'replace') {
      if (request.demographics) {
        await tx.patient.update({
          where: { id: patientId },
          data: demographicColumns(request.demographics),
        });
      }
    } else {
      await fillMissingDemographics(tx, patient, request.demographics);
    }
  }
  const knownKeys = new Set(known.map(keyOf));
  const fresh = request.identifiers.filter((i) => !knownKeys.has(keyOf(i)));
  const created = await attachIdentifiers(tx, patientId, fresh, request.source, why, provider);
  const sourceKey = request.identifiers[0]!;
  const keyRow = [...known, ...created].find((row) => keyOf(row) === keyOf(sourceKey));
  // The record is kept with the patient its key belongs to; a re-sent record
  // without demographics keeps what it sent before.
  const keyOnPatient = keyRow && (keyRow.patientId === patientId || created.includes(keyRow));
  if (keyRow && keyOnPatient && (request.demographics || created.includes(keyRow))) {
    await savePatientRecord(
      tx,
      keyRow.id,
      request.source,
      request.demographics,
      request.identifiers,
      !created.includes(keyRow),
      provider,
    );
  }
  return { patientId, created };
}
