import type { BenchOptions } from './bench-options';
import type { LoadResult } from './harness/drive-load';
import type { ProcessUsage } from './harness/process-usage';
import type { LineSeries } from './report/svg-line-chart';
import type { Table } from './report/tables';

/** One measured configuration of a case (a gateway, a connection count, ...). */
export interface MeasuredConfig {
  /** Short stable id, e.g. `stock` or `patientgraph`. */
  key: string;
  /** What it is, for tables, e.g. `stock @apollo/gateway 2.14.4`. */
  label: string;
  /** The key of the config this one is compared with (ratios); none for a baseline. */
  baselineKey?: string;
  load: LoadResult;
  /** The processes that served the load; the first is the system under test. */
  processes: ProcessUsage[];
  /** Requests/s of each measured slice, in the order they ran (interleaved runs). */
  sliceRps?: number[];
}

export interface ChartSpec {
  /** File name stem: the chart is written to docs/benchmarks/<case>-<id>.svg. */
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
}

/** A table of figures that do not fit the per-configuration load table (ingest rates, targets). */
export interface TitledTable {
  title: string;
  table: Table;
}

export interface CaseResult {
  name: string;
  description: string;
  /** Load settings as run (connections, durations, the operation). */
  settings: Record<string, string | number>;
  /** Configurations measured under HTTP load; may be empty for cases that only have `tables`. */
  configs: MeasuredConfig[];
  /** Further tables, after the load tables, in order. */
  tables?: TitledTable[];
  charts: ChartSpec[];
  /** Extra lines for the report (published figures, caveats). */
  notes: string[];
}

/**
 * A benchmark case. Cases start what they measure themselves and stop it before
 * returning, or take a fixture shared by the cases of one run (a loaded population:
 * harness/shared-fixtures.ts), which the runner stops after the last case.
 */
export interface BenchCase {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<CaseResult>;
}

/** A case found what it measures to be wrong (e.g. a wrong response): no figures are valid. */
export class CaseCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseCheckError';
  }
}
