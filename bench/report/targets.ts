import type { TitledTable } from '../bench-case';

/** One of the targets, judged on figures measured in this run. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
  /** For a miss: what limits it and what would move it; for a pass, the margin or caveat. */
  comment: string;
}

export function verdict(met: boolean | undefined): string {
  return met === undefined ? 'not measured' : met ? 'met' : 'MISSED';
}

export function targetsTable(checks: readonly TargetCheck[]): TitledTable {
  return {
    title: 'Targets',
    table: {
      header: ['target', 'measured', 'verdict', 'what limits it / what would move it'],
      align: ['l', 'l', 'l', 'l'],
      rows: checks.map((c) => [c.target, c.measured, verdict(c.met), c.comment]),
    },
  };
}
