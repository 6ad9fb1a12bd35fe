import { rowId } from './row-id';
import type { LinkIdentifier } from '../../shared/patient/link-request';
import type { Hl7PatientRecord } from '../mappers/pid-to-patient';
import type { StoredPatient } from '../store';

/**
 * A patient row as a batch of messages changes it, in memory: the batch reads
 * its patients once, applies every message in order, then writes each changed
 * row once (createMany for new ones).
 */
export interface PatientState {
  id: string;
  isNew: boolean;
  dirty: boolean;
  keySystem: string;
  keyValue: string;
  authority: string;
  identifiersJson: string;
  namesJson: string;
  addressesJson: string;
  telecomJson: string;
  birthDate: string | null;
  gender: string | null;
  lastMessageId: string | null;
  linkVersion: number;
  /** True when identifiers or demographics changed: identity must hear about it. */
  relink: boolean;
  mergedIntoId: string | null;
}

export function patientKey(system: string, value: string): string {
  return `${system}\u0000${value}`;
}

export function stateFromRow(row: StoredPatient): PatientState {
  return {
    id: row.id,
    isNew: false,
    dirty: false,
    keySystem: row.keySystem,
    keyValue: row.keyValue,
    authority: row.authority,
    identifiersJson: row.identifiersJson,
    namesJson: row.namesJson,
    addressesJson: row.addressesJson,
    telecomJson: row.telecomJson,
    birthDate: row.birthDate,
    gender: row.gender,
    lastMessageId: row.lastMessageId,
    linkVersion: row.linkVersion,
    relink: false,
    mergedIntoId: row.mergedIntoId,
  };
}

function unionIdentifiers(existingJson: string, incoming: LinkIdentifier[]): LinkIdentifier[] {
  const existing = JSON.parse(existingJson) as LinkIdentifier[];
  const seen = new Set(existing.map((i) => `${i.system}|${i.value}`));
  return [...existing, ...incoming.filter((i) => !seen.has(`${i.system}|${i.value}`))];
}

/**
 * Applies one PID to the state. ADT messages are the patient's master data: their
 * PID replaces identifiers and demographics. A result's PID only adds identifiers
 * (labs often send a thinner PID, which must not erase the address ADT gave).
 */
export function applyPatient(
  states: Map<string, PatientState>,
  record: Hl7PatientRecord,
  messageId: string,
  authoritative: boolean,
): PatientState {
  const key = patientKey(record.keySystem, record.keyValue);
  let state = states.get(key);
  if (!state) {
    state = {
      id: rowId(),
      isNew: true,
      dirty: true,
      keySystem: record.keySystem,
      keyValue: record.keyValue,
      authority: record.authority,
      identifiersJson: '[]',
      namesJson: '[]',
      addressesJson: '[]',
      telecomJson: '[]',
      birthDate: null,
      gender: null,
      lastMessageId: messageId,
      linkVersion: 1,
      relink: true,
      mergedIntoId: null,
    };
    states.set(key, state);
    authoritative = true;
  }
  const next = authoritative
    ? {
        identifiersJson: JSON.stringify(record.identifiers),
        namesJson: JSON.stringify(record.demographics.names),
        addressesJson: JSON.stringify(record.demographics.addresses),
        telecomJson: JSON.stringify(record.demographics.telecom),
        birthDate: record.demographics.birthDate,
        gender: record.demographics.gender,
      }
    : {
        identifiersJson: JSON.stringify(
          unionIdentifiers(state.identifiersJson, record.identifiers),
        ),
        namesJson: state.namesJson,
        addressesJson: state.addressesJson,
        telecomJson: state.telecomJson,
        birthDate: state.birthDate,
        gender: state.gender,
      };
  const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== state[k]);
  if (changed) {
    Object.assign(state, next);
    state.dirty = true;
    if (!state.isNew && !state.relink) {
      state.linkVersion += 1;
      state.relink = true;
    }
    state.lastMessageId = messageId;
  }
  return state;
}
