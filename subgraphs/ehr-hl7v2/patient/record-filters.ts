import { BadUserInputError } from '../../shared/errors';
import { parseHl7DateTime } from '../hl7/hl7-datetime';

export const MAX_RECORDS = 1000;

export interface LabResultArgs {
  code: string | null;
  from: string | null;
  to: string | null;
  first: number;
}

export type VisitArgs = Omit<LabResultArgs, 'code'>;

export interface TimeWindow {
  from: Date | null;
  /** Inclusive upper bound: "2024-05" ends at the last millisecond of May. */
  to: Date | null;
}

function endOf(text: string, start: Date): Date {
  const date = new Date(start);
  if (/^\d{4}$/.test(text)) date.setUTCFullYear(date.getUTCFullYear() + 1);
  else if (/^\d{4}-\d{2}$/.test(text)) date.setUTCMonth(date.getUTCMonth() + 1);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) date.setUTCDate(date.getUTCDate() + 1);
  else return start;
  return new Date(date.getTime() - 1);
}

function bound(text: string | null, argument: 'from' | 'to'): Date | null {
  if (text === null || text === undefined) return null;
  const value = text.trim();
  const parsed = /^\d{4}(-\d{2}(-\d{2}(T.+)?)?)?$/.test(value) ? parseHl7DateTime(value) : null;
  if (!parsed) {
    throw new BadUserInputError(
      `${argument} must be a FHIR date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)`,
      { argument },
    );
  }
  return argument === 'to' ? endOf(value, parsed.instant) : parsed.instant;
}

/** Checks `from`, `to` and `first` and turns the dates into instants (no zone = UTC). */
export function parseWindow(args: VisitArgs): TimeWindow {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_RECORDS) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_RECORDS}`, {
      argument: 'first',
    });
  }
  const window = { from: bound(args.from, 'from'), to: bound(args.to, 'to') };
  if (window.from && window.to && window.from > window.to) {
    throw new BadUserInputError('from must not be after to', { argument: 'from' });
  }
  return window;
}

/** `code` as `code` or `system|code` (FHIR token search syntax). */
export function parseCodeFilter(
  code: string | null,
): { system: string | null; code: string } | null {
  if (code === null || code === undefined) return null;
  const bar = code.indexOf('|');
  const system = bar >= 0 ? code.slice(0, bar).trim() : null;
  const value = (bar >= 0 ? code.slice(bar + 1) : code).trim();
  if (!value) {
    throw new BadUserInputError('code must be `code` or `system|code` with a non-empty code', {
      argument: 'code',
    });
  }
  return { system: system || null, code: value };
}
