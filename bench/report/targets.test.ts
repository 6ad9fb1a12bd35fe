import { formatMarkdownTable } from './tables';
import { targetsTable, verdict } from './targets';

describe('targets table', () => {
  it('says met, MISSED or not measured', () => {
    expect([true, false, undefined].map(verdict)).toEqual(['met', 'MISSED', 'not measured']);
  });

  it('renders one row per target', () => {
    const { title, table } = targetsTable([
      { target: 'p99 < 100 ms', measured: '142 ms', met: false, comment: 'CPU bound' },
    ]);
    expect(title).toBe('Targets');
    expect(formatMarkdownTable(table)).toContain('| p99 < 100 ms | 142 ms   | MISSED  | CPU bound');
  });
});
