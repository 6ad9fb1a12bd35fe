import { formatConsoleTable, formatMarkdownTable, processesTable, resultsTable } from './tables';
import { sampleResult } from './sample-result';

describe('result tables', () => {
  const table = resultsTable(sampleResult());

  it('puts figures and ratios in one row per configuration', () => {
    expect(table.rows).toEqual([
      [
        'stock gateway',
        '100.0',
        '100.0',
        '180.0',
        '200.0',
        '0',
        '1',
        '0',
        '300',
        '100',
        '10.0',
        'baseline',
        'baseline',
        'baseline',
      ],
      [
        'ours gateway',
        '80.0',
        '150.0',
        '270.0',
        '300.0',
        '0',
        '1',
        '0',
        '300',
        '100',
        '12.5',
        '0.80×',
        '1.50×',
        '1.25×',
      ],
    ]);
    expect(table.header).toHaveLength(table.rows[0]!.length);
  });

  it('lists every sampled process', () => {
    expect(processesTable(sampleResult()).rows).toHaveLength(4);
  });

  it('aligns console columns', () => {
    const lines = formatConsoleTable(table).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    // Right-aligned numbers end in the same column.
    expect(lines[2]!.indexOf('100.0') + 5).toBe(lines[3]!.indexOf(' 80.0') + 5);
  });

  it('writes a markdown table with right-aligned number columns', () => {
    const lines = formatMarkdownTable({
      header: ['name', 'n'],
      align: ['l', 'r'],
      rows: [['a|bc', '1']],
    }).split('\n');
    expect(lines).toEqual(['| name  |   n |', '| ----- | --: |', '| a\\|bc |   1 |']);
  });
});
