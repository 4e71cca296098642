/**
 * A small line-chart renderer that writes SVG as text: panels side by side, each with a linear y axis
 * from zero, a linear or logarithmic x axis, one line per series with its points labelled by value, a
 * legend, and a footer across the image. Pure: the same input gives the same string.
 */

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  label: string;
  points: readonly ChartPoint[];
  /** Drawn dashed (baselines, peers). */
  dashed?: boolean;
  /** CSS colour; by default the palette's colour for the series' place in its panel. */
  color?: string;
}

export interface ChartAxis {
  label: string;
  /** Linear (the default) or logarithmic in `base`. */
  scale?: 'linear' | 'log';
  base?: number;
  /** 'data': a tick at every x value of the series (writer counts); 'nice': 1-2-5 steps (the default). */
  ticks?: 'data' | 'nice';
}

export interface ChartPanel {
  title: string;
  x: ChartAxis;
  /** The y axis is linear from zero. */
  y: { label: string };
  series: readonly ChartSeries[];
  /** Shown under "no data in these results" when no series has a point. */
  emptyHint?: string;
}

export interface ChartSpec {
  /** Accessible name of the image. */
  title: string;
  panels: readonly ChartPanel[];
  /** Lines across the bottom (machine, run), wrapped at " · " where too long. */
  footer: readonly string[];
  /** Whole image width (default 1200). */
  width?: number;
  /** Height of the panels above the footer (default 480 less the footer of one line). */
  panelHeight?: number;
}

/** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;

const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const TITLE_SIZE = 16;
const AXIS_SIZE = 12;
const TICK_SIZE = 11;
const VALUE_SIZE = 10.5;
const LEGEND_SIZE = 12;
const FOOTER_SIZE = 11;
const FOOTER_LINE = 16;
const LEGEND_ROW = 18;
/** Share of the x axis left free on each side of the data, so that end labels fit. */
const X_PAD = 0.1;

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Rough width of a text in the sans-serif font used (no font metrics in a pure renderer). */
export const textWidth = (s: string, size: number): number => s.length * size * 0.6;

const round = (n: number): number => Math.round(n * 100) / 100;
const clean = (n: number): number => Number(n.toPrecision(12));

/** The 1-2-5 × 10^n step that splits `span` into at most `maxTicks` intervals. */
export function niceStep(span: number, maxTicks: number): number {
  if (!Number.isFinite(span) || span <= 0 || maxTicks < 1) return 1;
  const raw = span / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    const step = clean(m * magnitude);
    if (step >= raw * (1 - 1e-9)) return step;
  }
  return clean(10 * magnitude);
}

/** The multiples of niceStep(max − min, maxTicks) from min to max, both included where they fall on a step. */
export function niceTicks(min: number, max: number, maxTicks: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  const step = niceStep(max - min, maxTicks);
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) ticks.push(clean(i * step));
  return ticks;
}

/** Top of a y axis from zero that leaves room above `max` for the value labels: a multiple of its 1-2-5 step. */
export function niceTop(max: number, maxTicks = 5): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const wanted = max * 1.12;
  const step = niceStep(wanted, maxTicks);
  return clean(Math.ceil(wanted / step - 1e-9) * step);
}

/** 1-2-5 × 10^n values (or only 10^n when `mantissas` is [1]) between min and max, for a log10 axis. */
export function logTicks(min: number, max: number, mantissas: readonly number[] = [1, 2, 5]): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of mantissas) {
      const v = clean(m * 10 ** e);
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks;
}

/** Thousands separators; decimals as given (integers by default). */
export const formatNumber = (n: number, decimals = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** A measured value: integers from 100 up, then one or two decimals. */
export const formatValue = (n: number): string => formatNumber(n, Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);

/** A tick value, with as many decimals as its step needs. */
export const formatTick = (n: number, step: number): string => formatNumber(n, step >= 1 || step <= 0 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));

/** Rough width of running text (letters narrower than digits). */
const proseWidth = (s: string, size: number): number => s.length * size * 0.52;

/** Cuts a line to fit `width` pixels, ending it with an ellipsis. */
export function fitText(s: string, width: number, size: number): string {
  if (proseWidth(s, size) <= width) return s;
  const chars = Math.max(1, Math.floor(width / (size * 0.52)) - 1);
  return `${s.slice(0, chars).trimEnd()}…`;
}

/** Splits a line at `separator` into lines that fit `width` pixels (a part longer than that is cut). */
export function wrapText(s: string, width: number, size: number, separator = ' · '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of s.split(separator)) {
    const joined = line ? `${line}${separator}${part}` : part;
    if (line && proseWidth(joined, size) > width) {
      lines.push(line);
      line = part;
    } else {
      line = joined;
    }
  }
  if (line || !lines.length) lines.push(line);
  return lines.map((l) => fitText(l, width, size));
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

interface LegendItem {
  label: string;
  color: string;
  dashed: boolean;
}

const LEGEND_SWATCH = 30;
const LEGEND_GAP = 20;

/** Legend rows: which items go on which row within `width`. */
function legendRows(items: readonly LegendItem[], width: number): LegendItem[][] {
  const rows: LegendItem[][] = [];
  let used = 0;
  for (const item of items) {
    const w = LEGEND_SWATCH + textWidth(item.label, LEGEND_SIZE) + LEGEND_GAP;
    if (rows.length === 0 || (used + w - LEGEND_GAP > width && rows[rows.length - 1].length > 0)) {
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1].push(item);
    used += w;
  }
  return rows;
}

const usable = (p: ChartPoint, log: boolean): boolean => Number.isFinite(p.x) && Number.isFinite(p.y) && (!log || p.x > 0);

function marker(x: number, y: number, color: string, dashed: boolean): string {
  // Baselines get an open marker, the library a filled one: the lines stay apart also in grey print.
  return `<circle cx="${round(x)}" cy="${round(y)}" r="4" fill="${dashed ? '#ffffff' : color}" stroke="${color}" stroke-width="2"/>`;
}

function renderPanel(panel: ChartPanel, left: number, top: number, width: number, height: number, legendHeight: number, index: number): string {
  const out: string[] = [];
  const log = panel.x.scale === 'log';
  const base = panel.x.base ?? 10;
  const series = panel.series.map((s, i) => ({
    label: s.label,
    color: s.color ?? PALETTE[i % PALETTE.length],
    dashed: s.dashed ?? false,
    points: s.points.filter((p) => usable(p, log)).sort((a, b) => a.x - b.x),
  }));
  const plot = {
    left: left + 80,
    right: left + width - 28,
    top: top + 44 + legendHeight,
    bottom: top + height - 56,
  };
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;
  const cx = left + width / 2;

  out.push(`<g id="panel-${index + 1}">`);
  out.push(`<text x="${round(cx)}" y="${top + 26}" text-anchor="middle" font-size="${TITLE_SIZE}" font-weight="600" fill="#1a1a1a">${escapeXml(panel.title)}</text>`);

  const all = series.flatMap((s) => s.points);
  if (all.length === 0) {
    out.push(`<rect x="${plot.left}" y="${plot.top}" width="${plotWidth}" height="${plotHeight}" fill="#fafafa" stroke="#d0d0d0"/>`);
    const my = plot.top + plotHeight / 2;
    out.push(`<text x="${round(plot.left + plotWidth / 2)}" y="${round(my)}" text-anchor="middle" font-size="14" fill="#666666">no data in these results</text>`);
    if (panel.emptyHint) {
      out.push(`<text x="${round(plot.left + plotWidth / 2)}" y="${round(my + 20)}" text-anchor="middle" font-size="${TICK_SIZE}" fill="#888888">${escapeXml(fitText(panel.emptyHint, plotWidth - 20, TICK_SIZE))}</text>`);
    }
    out.push('</g>');
    return out.join('\n');
  }

  // Legend under the title.
  const items: LegendItem[] = series.map((s) => ({ label: s.label, color: s.color, dashed: s.dashed }));
  let ly = top + 44 + LEGEND_ROW / 2 - 2;
  for (const row of legendRows(items, plotWidth)) {
    let lx = plot.left;
    for (const item of row) {
      const dash = item.dashed ? ' stroke-dasharray="6 4"' : '';
      out.push(`<line x1="${round(lx)}" y1="${round(ly)}" x2="${round(lx + 24)}" y2="${round(ly)}" stroke="${item.color}" stroke-width="2.5"${dash}/>`);
      out.push(marker(lx + 12, ly, item.color, item.dashed));
      out.push(`<text x="${round(lx + LEGEND_SWATCH)}" y="${round(ly + 4)}" font-size="${LEGEND_SIZE}" fill="#1a1a1a">${escapeXml(item.label)}</text>`);
      lx += LEGEND_SWATCH + textWidth(item.label, LEGEND_SIZE) + LEGEND_GAP;
    }
    ly += LEGEND_ROW;
  }

  // x scale, in log units on a log axis.
  const t = (x: number): number => (log ? Math.log(x) / Math.log(base) : x);
  let t0 = Math.min(...all.map((p) => t(p.x)));
  let t1 = Math.max(...all.map((p) => t(p.x)));
  if (t0 === t1) {
    const half = log ? 0.5 : Math.max(Math.abs(t0) * 0.5, 1);
    t0 -= half;
    t1 += half;
  }
  const pad = (t1 - t0) * X_PAD;
  t0 -= pad;
  t1 += pad;
  const px = (x: number): number => plot.left + ((t(x) - t0) / (t1 - t0)) * plotWidth;

  // y scale from zero.
  const yTop = niceTop(Math.max(...all.map((p) => p.y)));
  const py = (y: number): number => plot.bottom - (y / yTop) * plotHeight;

  // Grid and y ticks.
  const yStep = niceStep(yTop, 5);
  for (const v of niceTicks(0, yTop, 5)) {
    const y = round(py(v));
    out.push(`<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="${v === 0 ? '#444444' : '#e3e3e3'}" stroke-width="1"/>`);
    out.push(`<line x1="${plot.left - 5}" y1="${y}" x2="${plot.left}" y2="${y}" stroke="#444444" stroke-width="1"/>`);
    out.push(`<text x="${plot.left - 8}" y="${round(y + 4)}" text-anchor="end" font-size="${TICK_SIZE}" fill="#333333">${formatTick(v, yStep)}</text>`);
  }

  // x ticks.
  const lo = log ? base ** t0 : t0;
  const hi = log ? base ** t1 : t1;
  let xTicks: number[];
  let xStep = 1;
  if (panel.x.ticks === 'data') {
    xTicks = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  } else if (log) {
    const perDecade = (plotWidth / (t1 - t0)) * (Math.log(base) / Math.log(10));
    xTicks = logTicks(lo, hi, perDecade >= 200 ? [1, 2, 5] : [1]);
    if (xTicks.length < 2) xTicks = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  } else {
    xStep = niceStep(hi - lo, Math.max(2, Math.floor(plotWidth / 90)));
    xTicks = niceTicks(lo, hi, Math.max(2, Math.floor(plotWidth / 90)));
  }
  const minGap = Math.min(...xTicks.slice(1).map((v, i) => Math.abs(v - xTicks[i])).filter((d) => d > 0), 1);
  for (const v of xTicks) {
    const x = round(px(v));
    out.push(`<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.bottom}" stroke="#f0f0f0" stroke-width="1"/>`);
    out.push(`<line x1="${x}" y1="${plot.bottom}" x2="${x}" y2="${plot.bottom + 5}" stroke="#444444" stroke-width="1"/>`);
    out.push(`<text x="${x}" y="${plot.bottom + 19}" text-anchor="middle" font-size="${TICK_SIZE}" fill="#333333">${formatTick(v, log ? minGap : xStep)}</text>`);
  }
  out.push(`<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="#444444" stroke-width="1"/>`);

  // Axis labels.
  out.push(`<text x="${round(plot.left + plotWidth / 2)}" y="${plot.bottom + 42}" text-anchor="middle" font-size="${AXIS_SIZE}" fill="#1a1a1a">${escapeXml(panel.x.label)}</text>`);
  const yl = round(plot.top + plotHeight / 2);
  out.push(`<text x="${left + 18}" y="${yl}" text-anchor="middle" font-size="${AXIS_SIZE}" fill="#1a1a1a" transform="rotate(-90 ${left + 18} ${yl})">${escapeXml(panel.y.label)}</text>`);

  // Lines and markers.
  for (const s of series) {
    if (s.points.length > 1) {
      const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(px(p.x))} ${round(py(p.y))}`).join(' ');
      const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2.5" stroke-linejoin="round"${dash}/>`);
    }
    for (const p of s.points) out.push(marker(px(p.x), py(p.y), s.color, s.dashed));
  }

  // Value labels: beside their point where they cover no other label, point or line (the nearest
  // place first); where every place is taken, the one that covers least.
  // Weighted: covering another label is worse than covering a point, which is worse than crossing a line.
  const obstacles: (Box & { weight: number })[] = [];
  for (const s of series) {
    s.points.forEach((p, i) => {
      const x = px(p.x);
      const y = py(p.y);
      obstacles.push({ x0: x - 5, x1: x + 5, y0: y - 5, y1: y + 5, weight: 4 });
      const next = s.points[i + 1];
      if (!next) return;
      const x2 = px(next.x);
      const y2 = py(next.y);
      const steps = Math.ceil(Math.hypot(x2 - x, y2 - y) / 4);
      for (let k = 1; k < steps; k++) {
        const sx = x + ((x2 - x) * k) / steps;
        const sy = y + ((y2 - y) * k) / steps;
        obstacles.push({ x0: sx - 1.5, x1: sx + 1.5, y0: sy - 1.5, y1: sy + 1.5, weight: 1 });
      }
    });
  }
  for (const s of series) {
    for (const p of s.points) {
      const text = formatValue(p.y);
      const w = textWidth(text, VALUE_SIZE) + 4;
      const x = px(p.x);
      const y = py(p.y);
      const candidates: { x: number; y: number; anchor: 'middle' | 'start' | 'end' }[] = [
        { x, y: y - 9, anchor: 'middle' },
        { x, y: y + 19, anchor: 'middle' },
        { x: x + 8, y: y + 4, anchor: 'start' },
        { x: x - 8, y: y + 4, anchor: 'end' },
        { x: x + 5, y: y - 8, anchor: 'start' },
        { x: x - 5, y: y - 8, anchor: 'end' },
        { x: x + 5, y: y + 17, anchor: 'start' },
        { x: x - 5, y: y + 17, anchor: 'end' },
        { x: x + 9, y: y - 7, anchor: 'start' },
        { x: x - 9, y: y - 7, anchor: 'end' },
        { x: x + 9, y: y + 15, anchor: 'start' },
        { x: x - 9, y: y + 15, anchor: 'end' },
        { x, y: y - 22, anchor: 'middle' },
        { x, y: y + 32, anchor: 'middle' },
        { x: x + 9, y: y - 19, anchor: 'start' },
        { x: x - 9, y: y - 19, anchor: 'end' },
        { x: x + 9, y: y + 27, anchor: 'start' },
        { x: x - 9, y: y + 27, anchor: 'end' },
        { x, y: y - 35, anchor: 'middle' },
        { x, y: y + 45, anchor: 'middle' },
      ];
      let best: { c: (typeof candidates)[number]; box: Box; hits: number } | null = null;
      for (const c of candidates) {
        const x0 = c.anchor === 'middle' ? c.x - w / 2 : c.anchor === 'start' ? c.x - 2 : c.x - w + 2;
        const box = { x0, x1: x0 + w, y0: c.y - VALUE_SIZE + 1, y1: c.y + 2 };
        if (box.y0 < plot.top - 4 || box.y1 > plot.bottom - 1 || box.x0 < plot.left + 1 || box.x1 > plot.right + 20) continue;
        const hits = obstacles.reduce((n, b) => (overlaps(b, box) ? n + b.weight : n), 0);
        if (!best || hits < best.hits) best = { c, box, hits };
        if (hits === 0) break;
      }
      const c = best?.c ?? candidates[0];
      if (best) obstacles.push({ ...best.box, weight: 20 });
      out.push(
        `<text x="${round(c.x)}" y="${round(c.y)}" text-anchor="${c.anchor}" font-size="${VALUE_SIZE}" fill="${s.color}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${text}</text>`,
      );
    }
  }
  out.push('</g>');
  return out.join('\n');
}

/** The chart as a standalone SVG document. */
export function renderChartSvg(spec: ChartSpec): string {
  const width = spec.width ?? 1200;
  const footer = spec.footer.flatMap((line) => wrapText(line, width - 32, FOOTER_SIZE));
  const footerHeight = footer.length ? 12 + footer.length * FOOTER_LINE : 0;
  const panelHeight = spec.panelHeight ?? 480 - (12 + FOOTER_LINE);
  const height = panelHeight + footerHeight;
  const panelWidth = width / Math.max(1, spec.panels.length);
  // One legend height for all panels, so that their plot areas line up.
  const legendHeight = Math.max(
    LEGEND_ROW,
    ...spec.panels.map((p) => {
      const plotWidth = panelWidth - 80 - 28;
      const items = p.series.map((s, i) => ({ label: s.label, color: s.color ?? PALETTE[i % PALETTE.length], dashed: s.dashed ?? false }));
      return legendRows(items, plotWidth).length * LEGEND_ROW;
    }),
  );
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(spec.title)}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  spec.panels.forEach((p, i) => out.push(renderPanel(p, i * panelWidth, 0, panelWidth, panelHeight, legendHeight, i)));
  if (footer.length) {
    out.push(`<line x1="16" y1="${panelHeight}" x2="${width - 16}" y2="${panelHeight}" stroke="#e3e3e3" stroke-width="1"/>`);
    footer.forEach((line, i) => {
      out.push(`<text x="16" y="${panelHeight + 6 + (i + 1) * FOOTER_LINE}" font-size="${FOOTER_SIZE}" fill="#555555">${escapeXml(line)}</text>`);
    });
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
