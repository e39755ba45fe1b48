/**
 * Charts drawn on the server as SVG: no script, no inline style (the console's CSP allows neither),
 * colours from console.css classes. Each is an image with a title and a description; the numbers
 * behind it are always in the table that follows it on the page.
 */
import { html, type Html } from './html.ts';

export interface Bar {
  label: string;
  /** From 0 to `max`. */
  value: number;
  /** The value as written next to the bar. */
  text: string;
  /** Bars of one group share a colour and a heading row (a language, say). */
  group?: string;
}

const width = 640;
const labelWidth = 230;
const valueWidth = 80;
const rowHeight = 26;
const round = (n: number) => Math.round(n * 10) / 10;
/** Long labels are cut in the picture; the table beside it has them whole. */
const cut = (text: string, max = 34) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function frame(id: string, title: string, description: string, height: number, body: Html): Html {
  return html`<svg class="chart" id="${id}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${title}</title><desc id="${id}-desc">${description}</desc>${body}</svg>`;
}

/** Horizontal bars, grouped: one row per bar, a heading row per group. */
export function barChart(options: { id: string; title: string; description: string; bars: readonly Bar[]; max?: number }): Html {
  const max = options.max ?? Math.max(1, ...options.bars.map((b) => b.value));
  const groups = [...new Set(options.bars.map((b) => b.group ?? ''))];
  const rows: Html[] = [];
  let y = 4;
  for (const [g, group] of groups.entries()) {
    if (group) {
      rows.push(html`<text class="group-label" x="0" y="${y + 17}">${group}</text>`);
      y += rowHeight;
    }
    for (const bar of options.bars.filter((b) => (b.group ?? '') === group)) {
      const length = round(((width - labelWidth - valueWidth) * Math.max(0, bar.value)) / max);
      rows.push(html`<text class="bar-label" x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${cut(bar.label)}</text><rect class="bar series-${g % 4}" x="${labelWidth}" y="${y + 4}" width="${length}" height="${rowHeight - 8}" rx="3"></rect><text class="value-label" x="${labelWidth + length + 6}" y="${y + 17}">${bar.text}</text>`);
      y += rowHeight;
    }
  }
  return frame(options.id, options.title, options.description, y + 4, html`${rows}`);
}

export interface Series {
  name: string;
  /** Null: no value that week (a gap in the line). */
  values: readonly (number | null)[];
}

const dashes = ['', '8 4', '2 4', '12 4 2 4'];

/** Lines over time, from 0 to `max`, with a legend; series differ by dash pattern as well as colour. */
export function lineChart(options: { id: string; title: string; description: string; xLabels: readonly string[]; series: readonly Series[]; max?: number; yLabel: (value: number) => string }): Html {
  const max = options.max ?? 1;
  const left = 56;
  const top = 34;
  const plotWidth = width - left - 16;
  const plotHeight = 180;
  const height = top + plotHeight + 30;
  const n = Math.max(1, options.xLabels.length - 1);
  const x = (i: number) => round(left + (plotWidth * i) / n);
  const y = (v: number) => round(top + plotHeight - (plotHeight * Math.min(max, Math.max(0, v))) / max);
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => html`<line class="grid" x1="${left}" x2="${left + plotWidth}" y1="${y(f * max)}" y2="${y(f * max)}"></line><text class="axis-label" x="${left - 6}" y="${y(f * max) + 4}" text-anchor="end">${options.yLabel(f * max)}</text>`);
  // At most about eight labels; the last one always, and the regular one before it dropped when it would touch it.
  const every = Math.max(1, Math.ceil(options.xLabels.length / 8));
  const last = options.xLabels.length - 1;
  const labelled = (i: number) => i === last || (i % every === 0 && last - i >= Math.max(2, every / 2));
  const xLabels = options.xLabels.map((label, i) => (labelled(i) ? html`<text class="axis-label" x="${x(i)}" y="${top + plotHeight + 18}" text-anchor="middle">${label}</text>` : ''));
  const lines = options.series.map((series, s) => {
    const segments: string[][] = [[]];
    series.values.forEach((v, i) => (v === null ? segments.push([]) : segments.at(-1)?.push(`${x(i)},${y(v)}`)));
    const dash = dashes[s % dashes.length];
    return html`${segments.filter((points) => points.length > 1).map((points) => html`<polyline class="line series-${s % 4}" points="${points.join(' ')}" fill="none"${dash ? html` stroke-dasharray="${dash}"` : ''}></polyline>`)}${series.values.map((v, i) => (v === null ? '' : html`<circle class="point series-${s % 4}" cx="${x(i)}" cy="${y(v)}" r="3"></circle>`))}`;
  });
  const legend = options.series.map((series, s) => {
    const lx = left + s * 170;
    const dash = dashes[s % dashes.length];
    return html`<line class="line series-${s % 4}" x1="${lx}" x2="${lx + 28}" y1="12" y2="12"${dash ? html` stroke-dasharray="${dash}"` : ''}></line><text class="legend-label" x="${lx + 34}" y="16">${series.name}</text>`;
  });
  return frame(options.id, options.title, options.description, height, html`${grid}${xLabels}${lines}${legend}`);
}
