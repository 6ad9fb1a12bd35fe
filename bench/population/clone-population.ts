import { FAMILY_NAMES, GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE } from '../../generator/catalog/names';
import type { Person } from '../../generator/population';
import { Random } from '../../generator/random';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { searchNameOf } from '../../subgraphs/identity/mappers/search-name';
import { STORE_TABLES, type StoreName } from './clone-tables';
import { openSqliteFile as openSqlite, type SqliteDatabase } from './sqlite-file';

/**
 * Grows a population far past what the ingest paths can load in a benchmark's time
 * (10k patients through HTTP and MLLP take many minutes on 2 cores): every store's
 * rows of the ingested template patients are copied in SQL, once per clone, with a
 * clone suffix (`-k<n>`) on every key and on every identifier value, so clone n of
 * template t is a patient of its own in every store, linked across vendors exactly
 * like its template (identity's link keys carry the same suffixed values the
 * vendor stores key their rows by). Identity gives each clone a name of its own
 * from the generator's catalogue, so names sort and search like a real population.
 * Free text inside stored JSON (FHIR resources, HL7 segments) keeps the template's
 * content. Wearable streams: clones get the template's last day (from `cutMs`);
 * the clones a benchmark queries get the whole week (`completeWearableStreams`).
 */
export interface CloneSource {
  /** The SQLite file of each store. */
  files: Record<StoreName, string>;
  templates: readonly Person[];
}

/** Clones per write transaction: the running subgraphs wait for the lock (busy_timeout), briefly. */
const CLONES_PER_TRANSACTION = 250;

export const cloneSuffix = (clone: number) => `-k${clone}`;

/** A clone's template: clones cycle through the templates in order. */
export const templateOf = (clone: number, templates: number) => (clone - 1) % templates;

/** Each template's key in each store, from the template people and the identity store. */
function templateKeys(
  db: SqliteDatabase,
  store: StoreName,
  templates: readonly Person[],
): Array<[number, string | number]> {
  const keys: Array<[number, string | number]> = [];
  templates.forEach((person, t) => {
    switch (store) {
      case 'identity': {
        const row = db
          .prepare(`SELECT "patientId" FROM "PatientIdentifier" WHERE "system" = ? AND "value" = ?`)
          .all(VENDOR_SYSTEMS.riversideMrn, person.ids.mrn)[0];
        if (!row) throw new Error(`template ${person.key} is not in the identity store`);
        keys.push([t, String(row.patientId)]);
        break;
      }
      case 'ehr-fhir':
        keys.push([t, person.ids.fhirPatientId]);
        break;
      case 'ehr-hl7v2': {
        const row = db
          .prepare(`SELECT "id" FROM "Hl7Patient" WHERE "keyValue" = ?`)
          .all(person.ids.hl7PatientId)[0];
        if (!row) throw new Error(`template ${person.key} is not in the ehr-hl7v2 store`);
        keys.push([t, String(row.id)]);
        break;
      }
      case 'wearables': {
        const accounts = [person.wearable?.userId, person.wearable?.cgm?.serial].filter(
          (a): a is string => Boolean(a),
        );
        for (const account of accounts) {
          for (const row of db
            .prepare(`SELECT "key" FROM "DeviceAccount" WHERE "accountId" = ?`)
            .all(account))
            keys.push([t, Number(row.key)]);
        }
        break;
      }
    }
  });
  return keys;
}

/** Names for clones (from, to]: deterministic draws from the generator's catalogue. */
function cloneNames(db: SqliteDatabase, templates: number, from: number, to: number) {
  const rows = db
    .prepare(
      `SELECT t.t AS t, p."gender" AS gender, p."namesJson" AS names
              FROM _tpl t JOIN "Patient" p ON p."id" = t."key"`,
    )
    .all();
  const byTemplate = new Map(rows.map((r) => [Number(r.t), r]));
  const insert = db.prepare(
    `INSERT INTO _names (c, "familyName", "givenName", "searchName", "namesJson") VALUES (?, ?, ?, ?, ?)`,
  );
  for (let c = from + 1; c <= to; c++) {
    const template = byTemplate.get(templateOf(c, templates))!;
    const random = new Random('bench-clone', c);
    const family = random.pick(FAMILY_NAMES);
    const pool = template.gender === 'female' ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE;
    const given = random.chance(0.4) ? [random.pick(pool), random.pick(pool)] : [random.pick(pool)];
    const names = JSON.parse(String(template.names)) as Array<Record<string, unknown>>;
    const renamed = names.length
      ? [{ ...names[0], family, given }, ...names.slice(1)]
      : [{ use: 'official', family, given }];
    insert.run(
      c,
      family,
      given.join(' '),
      searchNameOf(family, given) ?? '',
      JSON.stringify(renamed),
    );
  }
}

function columnsOf(db: SqliteDatabase, table: string): string[] {
  return db
    .prepare(`SELECT name FROM pragma_table_info(?)`)
    .all(table)
    .map((r) => String(r.name));
}

export interface CloneReport {
  store: StoreName;
  rows: number;
  seconds: number;
}

/** Adds clones (from, to] to every store (wearable points from `cutMs` on). */
export async function addClones(
  source: CloneSource,
  from: number,
  to: number,
  cutMs: number,
  log: (line: string) => void,
): Promise<CloneReport[]> {
  const reports: CloneReport[] = [];
  for (const store of Object.keys(STORE_TABLES) as StoreName[]) {
    const started = Date.now();
    const db = await openSqlite(source.files[store], 128);
    let rows = 0;
    try {
      prepareTemp(db, store, source.templates);
      for (let first = from; first < to; first += CLONES_PER_TRANSACTION) {
        const last = Math.min(to, first + CLONES_PER_TRANSACTION);
        db.exec('BEGIN IMMEDIATE');
        try {
          fillClones(db, source.templates.length, first, last);
          if (store === 'identity') cloneNames(db, source.templates.length, first, last);
          for (const table of STORE_TABLES[store]) {
            rows += insertClones(db, table, { cutMs, before: false });
          }
          db.exec('COMMIT');
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      }
      checkpoint(db);
    } finally {
      db.close();
    }
    const seconds = (Date.now() - started) / 1000;
    reports.push({ store, rows, seconds });
    log(`    ${store}: ${rows} rows in ${seconds.toFixed(1)} s`);
  }
  return reports;
}

/** Copies the older wearable days (before `cutMs`) of the listed clones: they are queried. */
export async function completeWearableStreams(
  source: CloneSource,
  clones: readonly number[],
  cutMs: number,
): Promise<number> {
  if (clones.length === 0) return 0;
  const db = await openSqlite(source.files.wearables);
  try {
    prepareTemp(db, 'wearables', source.templates);
    db.exec('BEGIN IMMEDIATE');
    try {
      const insert = db.prepare(`INSERT INTO _clone (c, t) VALUES (?, ?)`);
      for (const c of clones) insert.run(c, templateOf(c, source.templates.length));
      const points = STORE_TABLES.wearables.find((t) => t.table === 'WearablePoint')!;
      const rows = insertClones(db, points, { cutMs, before: true });
      db.exec('COMMIT');
      checkpoint(db);
      return rows;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.close();
  }
}

function prepareTemp(db: SqliteDatabase, store: StoreName, templates: readonly Person[]): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS _clone (c INTEGER PRIMARY KEY, t INTEGER NOT NULL);
           CREATE TEMP TABLE IF NOT EXISTS _tpl (t INTEGER NOT NULL, "key" NOT NULL);
           CREATE TEMP TABLE IF NOT EXISTS _names (c INTEGER PRIMARY KEY, "familyName" TEXT,
             "givenName" TEXT, "searchName" TEXT, "namesJson" TEXT);
           DELETE FROM _clone; DELETE FROM _tpl; DELETE FROM _names;`);
  const insert = db.prepare(`INSERT INTO _tpl (t, "key") VALUES (?, ?)`);
  for (const [t, key] of templateKeys(db, store, templates)) insert.run(t, key);
}

function fillClones(db: SqliteDatabase, templates: number, from: number, to: number): void {
  db.exec('DELETE FROM _clone; DELETE FROM _names;');
  db.prepare(
    `INSERT INTO _clone (c, t)
     WITH RECURSIVE s(c) AS (SELECT ? UNION ALL SELECT c + 1 FROM s WHERE c < ?)
     SELECT c, (c - 1) % ? FROM s`,
  ).run(from + 1, to, templates);
}

function insertClones(
  db: SqliteDatabase,
  spec: (typeof STORE_TABLES)[StoreName][number],
  points: { cutMs: number; before: boolean },
): number {
  const columns = columnsOf(db, spec.table).filter((c) => spec.columns[c] !== null);
  const expressions = columns.map((c) => spec.columns[c] ?? `r."${c}"`);
  const where = spec.pointsCut
    ? `WHERE r."startMs" ${points.before ? '<' : '>='} ${Math.floor(points.cutMs)}`
    : '';
  const sql =
    `INSERT INTO "${spec.table}" (${columns.map((c) => `"${c}"`).join(', ')}) ` +
    `SELECT ${expressions.join(', ')} ` +
    // CROSS JOIN fixes SQLite's join order (clone, template, its rows): left to choose,
    // it can put the copied rows outermost and scan every account per point copied.
    `FROM _clone k CROSS JOIN _tpl t ON t.t = k.t ${spec.from.replace(/\bJOIN\b/g, 'CROSS JOIN')} ${where}`;
  return db.prepare(sql).run().changes;
}

function checkpoint(db: SqliteDatabase): void {
  try {
    db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all();
  } catch {
    // a reader is in the way; the WAL is checkpointed later by the store itself
  }
}
