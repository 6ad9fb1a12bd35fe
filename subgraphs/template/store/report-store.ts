import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A FHIR Coding as stored (and as the shared GraphQL `Coding` type reads it). */
export interface StoredCoding {
  system: string | null;
  code: string | null;
  display: string | null;
}

export interface StoredConcept {
  coding: StoredCoding[];
  text: string | null;
}

/** One radiology report, as this subgraph keeps and serves it. */
export interface StoredReport {
  /** The partner's report id. */
  id: string;
  /** The partner's patient id (value in its patient-id system). */
  patientLocalId: string;
  status: string;
  modality: string | null;
  code: StoredConcept;
  effectiveDateTime: string | null;
  issued: string | null;
  conclusion: string | null;
  conclusionCode: StoredConcept[];
  /** FHIR meta.security labels: they make a record specially protected on their own. */
  securityLabel: StoredCoding[];
  receivedAt: string;
}

interface StoreFile {
  version: 1;
  reports: StoredReport[];
}

/**
 * The example's store: every report in memory, persisted as one JSON file that
 * is replaced atomically on each write, with writes queued one after another.
 * Enough for a template and a few thousand reports; a real partner puts its
 * own database behind the same three methods.
 */
export class ReportStore {
  private readonly byId = new Map<string, StoredReport>();
  private readonly byPatient = new Map<string, Set<string>>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static open(file: string): ReportStore {
    const store = new ReportStore(file);
    if (fs.existsSync(file)) {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as StoreFile;
      if (data.version !== 1) throw new Error(`${file}: unknown store version ${data.version}`);
      for (const report of data.reports) store.index(report);
    }
    return store;
  }

  private index(report: StoredReport): void {
    const previous = this.byId.get(report.id);
    if (previous) this.byPatient.get(previous.patientLocalId)?.delete(report.id);
    this.byId.set(report.id, report);
    const ids = this.byPatient.get(report.patientLocalId) ?? new Set<string>();
    ids.add(report.id);
    this.byPatient.set(report.patientLocalId, ids);
  }

  /** Reports of these local patient ids, newest first. */
  reportsOf(patientLocalIds: readonly string[]): StoredReport[] {
    return patientLocalIds
      .flatMap((id) => [...(this.byPatient.get(id) ?? [])])
      .map((id) => this.byId.get(id)!)
      .sort((a, b) => (b.effectiveDateTime ?? '').localeCompare(a.effectiveDateTime ?? ''));
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * Stores (or replaces, by id: resending a report is harmless) and persists.
   * Memory changes only once the file is written, so a failed write loses nothing
   * and serves nothing that is not on disk.
   */
  async put(report: StoredReport): Promise<void> {
    const write = this.writing.then(() => {
      const next = [...this.byId.values()].filter((r) => r.id !== report.id);
      next.push(report);
      this.persist({ version: 1, reports: next });
      this.index(report);
    });
    this.writing = write.catch(() => undefined);
    return write;
  }

  private persist(data: StoreFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(data));
    fs.renameSync(temp, this.file);
  }

  /** Waits for queued writes. */
  async close(): Promise<void> {
    await this.writing;
  }
}
