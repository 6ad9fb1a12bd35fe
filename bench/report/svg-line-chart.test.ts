import { escapeXml, niceTicks, renderLineChart } from './svg-line-chart';

describe('SVG line chart', () => {
  it('picks round ticks covering the range', () => {
    expect(niceTicks(0, 95)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(1, 20)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('draws one line per series, with a legend, escaping text', () => {
    const svg = renderLineChart({
      title: 'rps <by> second',
      xLabel: 'second',
      yLabel: 'req/s',
      series: [
        {
          name: 'stock & co',
          points: [
            [1, 90],
            [2, 95],
            [3, 93],
          ],
        },
        {
          name: 'ours',
          points: [
            [1, 60],
            [2, 70],
          ],
        },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/stroke-width="2"/g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(5);
    expect(svg).toContain('rps &#60;by&#62; second');
    expect(svg).toContain('stock &#38; co');
    expect(svg).not.toContain('NaN');
  });

  it('survives empty and single-point series', () => {
    const svg = renderLineChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        { name: 'empty', points: [] },
        { name: 'one', points: [[5, 0]] },
      ],
    });
    expect(svg).not.toContain('NaN');
    expect(svg.match(/<circle /g)).toHaveLength(1);
  });

  it('escapes the XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;',
    );
  });
});
