import { openSqliteFile } from './sqlite-file';

/** Read-only lookups in the identity store the benchmark needs (who is first by name, ...). */
export interface IdentityRows {
  close(): void;
  patientOfIdentifier(system: string, value: string): string | null;
  /** Ids of the first `count` patients in the order `patients(first:)` pages them. */
  firstByName(count: number): string[];
}

export async function readIdentityRows(file: string): Promise<IdentityRows> {
  const db = await openSqliteFile(file, 8);
  // Each lookup reads the store as it is now (the population grows between them).
  const query = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);
  return {
    close: () => db.close(),
    patientOfIdentifier(system, value) {
      const [row] = query(
        `SELECT "patientId" FROM "PatientIdentifier" WHERE "system" = ? AND "value" = ?`,
        system,
        value,
      );
      return row ? String(row.patientId) : null;
    },
    firstByName(count) {
      return query(
        `SELECT "id" FROM "Patient" WHERE "mergedIntoId" IS NULL ORDER BY "searchName", "id" LIMIT ?`,
        count,
      ).map((row) => String(row.id));
    },
  };
}
