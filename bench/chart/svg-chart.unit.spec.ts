import { describe, expect, it } from '@jest/globals';
import { escapeXml, formatNumber, formatTick, formatValue, logTicks, niceStep, niceTicks, niceTop, renderChartSvg, wrapText, type ChartSpec } from './svg-chart.js';
import { xmlProblems } from './xml-check.js';

const countOf = (s: string, part: string): number => s.split(part).length - 1;

const spec = (over: Partial<ChartSpec> = {}): ChartSpec => ({
  title: 'Test chart',
  panels: [
    {
      title: 'Append throughput against writers',
      x: { label: 'concurrent writers', scale: 'log', base: 2, ticks: 'data' },
      y: { label: 'events per second' },
      series: [
        { label: 'RegLedger', points: [{ x: 1, y: 195.4 }, { x: 4, y: 384.6 }, { x: 16, y: 599.9 }] },
        { label: 'plain SQL', dashed: true, points: [{ x: 16, y: 1337.29 }, { x: 1, y: 296.6 }, { x: 4, y: 890.57 }] },
      ],
    },
    {
      title: 'Rebuild rate against log size',
      x: { label: 'events in the log', scale: 'log', base: 10 },
      y: { label: 'events per second' },
      series: [{ label: 'R&D <rebuild>', points: [{ x: 10_000, y: 8_400 }, { x: 1_000_000, y: 71_234.5 }] }],
    },
  ],
  footer: ['postgres, scale small · 2 × AMD EPYC'],
  ...over,
});

describe('tick steps', () => {
  it('are 1, 2 or 5 times a power of ten, at most the asked number of intervals', () => {
    expect(niceStep(1000, 5)).toBe(200);
    expect(niceStep(1500, 5)).toBe(500);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(0.9, 5)).toBe(0.2);
    expect(niceStep(1, 10)).toBe(0.1);
    expect(niceStep(3, 3)).toBe(1);
    expect(niceStep(0, 5)).toBe(1);
    for (const span of [0.03, 1, 7.7, 42, 999, 12_345, 7e6]) {
      for (const max of [3, 5, 8]) {
        const step = niceStep(span, max);
        const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
        expect([1, 2, 5]).toContain(mantissa);
        expect(span / step).toBeLessThanOrEqual(max + 1e-9);
      }
    }
  });

  it('cover the range at multiples of the step', () => {
    expect(niceTicks(0, 1500, 5)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 17, 5)).toEqual([5, 10, 15]);
    expect(niceTicks(5, 5, 5)).toEqual([5]);
  });

  it('top the y axis above the largest value, on a step', () => {
    expect(niceTop(1337.29)).toBe(1500);
    expect(niceTop(600)).toBe(800);
    expect(niceTop(80)).toBe(100);
    expect(niceTop(0)).toBe(1);
    expect(niceTop(Number.NaN)).toBe(1);
  });

  it('on a log axis are 1-2-5 per decade, or decades only', () => {
    expect(logTicks(3_000, 2_000_000)).toEqual([5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000]);
    expect(logTicks(3_000, 2_000_000, [1])).toEqual([10_000, 100_000, 1_000_000]);
    expect(logTicks(0, 10)).toEqual([]);
  });
});

describe('numbers', () => {
  it('have thousands separators and decimals only where small', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatValue(1337.29)).toBe('1,337');
    expect(formatValue(195.4)).toBe('195');
    expect(formatValue(12.345)).toBe('12.3');
    expect(formatValue(1.234)).toBe('1.23');
    expect(formatTick(25_000, 5_000)).toBe('25,000');
    expect(formatTick(0.4, 0.2)).toBe('0.4');
  });

  it('escape XML', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });

  it('wrap long footers at the separators', () => {
    expect(wrapText('aaaa · bbbb · cccc', 1000, 11)).toEqual(['aaaa · bbbb · cccc']);
    expect(wrapText('aaaa · bbbb · cccc', 80, 11)).toEqual(['aaaa · bbbb', 'cccc']);
  });
});

describe('the well-formedness check', () => {
  it('finds what it looks for', () => {
    expect(xmlProblems('<svg><g><text x="1">a &amp; b</text></g><rect/></svg>')).toEqual([]);
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><g>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a & b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><rect x=1/></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg x="1" x="2"></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg/><svg/>')).not.toEqual([]);
  });
});

describe('renderChartSvg', () => {
  const svg = renderChartSvg(spec());

  it('is well-formed SVG of the asked size', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="480"')).toBe(true);
    expect(countOf(svg, '<text')).toBe(countOf(svg, '</text>'));
    expect(countOf(svg, '<g ')).toBe(countOf(svg, '</g>'));
  });

  it('labels every point with its value, with thousands separators', () => {
    for (const v of ['195', '385', '600', '297', '891', '1,337', '8,400', '71,235']) expect(svg).toContain(`>${v}</text>`);
    expect(countOf(svg, '<circle')).toBe(3 + 3 + 2 + 3); // points, and one per legend entry
  });

  it('has the titles, axis labels, ticks, legend and footer', () => {
    for (const text of ['Append throughput against writers', 'Rebuild rate against log size', 'concurrent writers', 'events in the log', 'events per second', 'RegLedger', 'plain SQL', 'postgres, scale small · 2 × AMD EPYC']) {
      expect(svg).toContain(`>${text}</text>`);
    }
    for (const tick of ['1', '4', '16', '0', '500', '1,000', '1,500', '10,000', '100,000', '1,000,000', '80,000']) expect(svg).toContain(`>${tick}</text>`);
    expect(svg).toContain('>R&amp;D &lt;rebuild&gt;</text>');
    expect(svg).toContain('stroke-dasharray');
  });

  it('draws a note for a panel without data', () => {
    const empty = renderChartSvg(spec({ panels: [{ ...spec().panels[0], series: [], emptyHint: 'no append-single' }, spec().panels[1]] }));
    expect(xmlProblems(empty)).toEqual([]);
    expect(empty).toContain('>no data in these results</text>');
    expect(empty).toContain('>no append-single</text>');
    expect(empty).not.toContain('>195</text>');
  });

  it('leaves out points it cannot place (zero or negative x on a log axis, NaN)', () => {
    const odd = renderChartSvg(spec({ panels: [{ ...spec().panels[0], series: [{ label: 'odd', points: [{ x: 0, y: 5 }, { x: 2, y: Number.NaN }, { x: 8, y: 42 }] }] }] }));
    expect(xmlProblems(odd)).toEqual([]);
    expect(odd).toContain('>42.0</text>');
    expect(odd).not.toContain('NaN');
  });

  it('is the same for the same input, and grows with the footer', () => {
    expect(renderChartSvg(spec())).toBe(svg);
    const tall = renderChartSvg(spec({ footer: ['one', 'two', 'three'] }));
    expect(tall).toContain('height="512"');
  });
});
