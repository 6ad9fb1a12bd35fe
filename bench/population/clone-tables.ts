/**
 * How each store's rows of a template patient are copied for a clone (see
 * clone-population.ts). The copied row is `r`, the clone `k` (k.c its number), the
 * template's key in this store `t.key`. Every key and every identifier value gets
 * the clone suffix; columns not named are copied as they are, so columns added
 * to a schema later are cloned too. `null` leaves a column out (autoincrement).
 */
export type StoreName = 'identity' | 'ehr-fhir' | 'ehr-hl7v2' | 'wearables';

export interface TableClone {
  table: string;
  /** Joins from the template key to the rows copied (alias r), after `FROM _clone k JOIN _tpl t`. */
  from: string;
  columns: Record<string, string | null>;
  /** Wearable points: copied from a cut-off time (background clones) or before it (completion). */
  pointsCut?: boolean;
}

const S = `('-k' || k.c)`;
const suffixed = (...names: string[]) =>
  Object.fromEntries(names.map((name) => [name, `r."${name}" || ${S}`]));

export const STORE_TABLES: Record<StoreName, TableClone[]> = {
  identity: [
    {
      table: 'Patient',
      from: `JOIN "Patient" r ON r."id" = t."key" JOIN _names n ON n.c = k.c`,
      columns: {
        ...suffixed('id'),
        familyName: 'n."familyName"',
        givenName: 'n."givenName"',
        searchName: 'n."searchName"',
        namesJson: 'n."namesJson"',
        // Clones hold no consent until the benchmark links a wallet (cohort).
        chainAddress: 'NULL',
        mergedIntoId: 'NULL',
      },
    },
    {
      table: 'PatientIdentifier',
      from: `JOIN "PatientIdentifier" r ON r."patientId" = t."key"`,
      columns: suffixed('id', 'patientId', 'value'),
    },
    {
      table: 'PatientRecord',
      from: `JOIN "PatientIdentifier" i ON i."patientId" = t."key"
             JOIN "PatientRecord" r ON r."identifierId" = i."id"`,
      columns: suffixed('id', 'identifierId'),
    },
    {
      table: 'MatchKey',
      from: `JOIN "PatientIdentifier" i ON i."patientId" = t."key"
             JOIN "PatientRecord" p ON p."identifierId" = i."id"
             JOIN "MatchKey" r ON r."recordId" = p."id"`,
      // Blocking keys stay as selective as a real population's: no 10,000 candidates per key.
      columns: suffixed('recordId', 'key'),
    },
  ],
  'ehr-fhir': [
    {
      table: 'FhirResource',
      from: `JOIN "FhirResource" r ON r."patientId" = t."key"`,
      columns: suffixed('key', 'resourceId', 'patientId'),
    },
    {
      table: 'FhirResourceVersion',
      from: `JOIN "FhirResource" f ON f."patientId" = t."key"
             JOIN "FhirResourceVersion" r ON r."key" = f."key"`,
      columns: suffixed('key'),
    },
    {
      table: 'FhirToken',
      from: `JOIN "FhirResource" f ON f."patientId" = t."key"
             JOIN "FhirToken" r ON r."resourceKey" = f."key"`,
      columns: { id: null, ...suffixed('resourceKey') },
    },
    {
      table: 'PatientLink',
      from: `JOIN "PatientLink" r ON r."patientId" = t."key"`,
      columns: suffixed('patientId', 'globalPatientId'),
    },
  ],
  'ehr-hl7v2': [
    {
      table: 'Hl7Patient',
      from: `JOIN "Hl7Patient" r ON r."id" = t."key"`,
      columns: {
        ...suffixed('id', 'keyValue', 'globalPatientId', 'lastMessageId'),
        mergedIntoId: 'NULL',
      },
    },
    {
      table: 'Hl7Message',
      from: `JOIN "Hl7Message" r ON r."patientId" = t."key"`,
      columns: suffixed('id', 'dedupKey', 'patientId'),
    },
    {
      table: 'Hl7Segment',
      from: `JOIN "Hl7Message" m ON m."patientId" = t."key"
             JOIN "Hl7Segment" r ON r."messageId" = m."id"`,
      columns: suffixed('messageId'),
    },
    {
      table: 'Hl7Visit',
      from: `JOIN "Hl7Visit" r ON r."patientId" = t."key"`,
      columns: suffixed('id', 'patientId', 'lastMessageId'),
    },
    {
      table: 'Hl7Order',
      from: `JOIN "Hl7Order" r ON r."patientId" = t."key"`,
      columns: suffixed('id', 'messageId', 'patientId', 'visitId'),
    },
    {
      table: 'Hl7Result',
      from: `JOIN "Hl7Result" r ON r."patientId" = t."key"`,
      columns: suffixed('id', 'messageId', 'orderId', 'patientId', 'visitId'),
    },
  ],
  wearables: [
    {
      table: 'DeviceAccount',
      from: `JOIN "DeviceAccount" r ON r."key" = t."key"`,
      columns: { key: null, ...suffixed('accountId', 'patientId') },
    },
    {
      table: 'WearablePoint',
      from: `JOIN "DeviceAccount" a ON a."key" = t."key"
             JOIN "DeviceAccount" n ON n."vendor" = a."vendor" AND n."accountId" = a."accountId" || ${S}
             JOIN "WearablePoint" r ON r."accountKey" = a."key"`,
      columns: { accountKey: 'n."key"' },
      pointsCut: true,
    },
    {
      table: 'SleepEpisode',
      from: `JOIN "DeviceAccount" a ON a."key" = t."key"
             JOIN "DeviceAccount" n ON n."vendor" = a."vendor" AND n."accountId" = a."accountId" || ${S}
             JOIN "SleepEpisode" r ON r."accountKey" = a."key"`,
      columns: { accountKey: 'n."key"' },
    },
  ],
};
