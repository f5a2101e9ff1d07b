import uPlot from 'uplot';
import { DATE_INCRS, dateTickLabels, type TimelineData, type TimelineMark } from './chart-data.ts';
import { colourOf } from './dom.ts';
import { formatNumber } from '../../../stores/read-model/format.ts';

/** A 140×34 line of the series' standing figures over time; no axes, no cursor. Returns the chart (call destroy). */
export function sparkline(target: HTMLElement, points: ReadonlyArray<readonly [string, number]>): uPlot | undefined {
  if (points.length === 0) return undefined;
  const xs = points.map(([d]) => Date.parse(`${d}T12:00:00Z`) / 1000);
  const ys = points.map(([, v]) => v);
  // One point gets a twin a day later so uPlot has a span to draw.
  if (xs.length === 1) {
    xs.push((xs[0] ?? 0) + 86_400);
    ys.push(ys[0] ?? 0);
  }
  return new uPlot(
    {
      width: 140,
      height: 34,
      pxAlign: false,
      cursor: { show: false },
      legend: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: true } },
      series: [{}, { stroke: '#0072B2', width: 1.5, points: { show: true, size: 3 } }],
    },
    [xs, ys],
    target,
  );
}

function arrow(ctx: CanvasRenderingContext2D, x: number, y: number, up: boolean, size: number): void {
  ctx.beginPath();
  ctx.moveTo(x - size, y + (up ? size : -size));
  ctx.lineTo(x, y);
  ctx.lineTo(x + size, y + (up ? size : -size));
  ctx.stroke();
}

/** A colour with an alpha channel, for the fill of a period bar. */
const translucent = (hex: string, alpha: number): string =>
  `${hex}${Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')}`;

/**
 * Paints what each report's period covers: a period count as a bar from zero to its figure over its period, a standing
 * figure's span as a line at its figure with end ticks ("1.6 M between Aug 2023 and Jan 2024", plotted at its asOf).
 */
function drawSpans(u: uPlot, data: TimelineData): void {
  const ctx = u.ctx;
  const px = (n: number) => n * uPlot.pxRatio;
  const zero = u.valToPos(Math.max(0, data.yRange[0]), 'y', true);
  for (const m of data.marks) {
    if (m.span === null) continue;
    const colour = colourOf(m.source);
    const x0 = u.valToPos(m.span[0], 'x', true);
    const x1 = Math.max(u.valToPos(m.span[1], 'x', true), x0 + px(3));
    const y = u.valToPos(m.value, 'y', true);
    if (m.scope === 'period') {
      ctx.fillStyle = translucent(colour, 0.28);
      ctx.fillRect(x0, y, x1 - x0, zero - y);
      ctx.strokeStyle = colour;
      ctx.lineWidth = px(1.5);
      ctx.strokeRect(x0, y, x1 - x0, zero - y);
    } else {
      ctx.strokeStyle = translucent(colour, 0.7);
      ctx.lineWidth = px(3);
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(x1, y);
      ctx.moveTo(x0, y - px(5));
      ctx.lineTo(x0, y + px(5));
      ctx.moveTo(x1, y - px(5));
      ctx.lineTo(x1, y + px(5));
      ctx.stroke();
    }
  }
}

/** Paints each report's qualifier: a bar for a range or an approximation, an arrow for an open bound, red for conflicts. */
function drawMarks(u: uPlot, data: TimelineData): void {
  const ctx = u.ctx;
  const px = (n: number) => n * uPlot.pxRatio;
  const at = (m: TimelineMark, v: number) => ({
    x: u.valToPos(data.xs[m.row] ?? 0, 'x', true),
    y: u.valToPos(v, 'y', true),
  });
  ctx.save();
  drawSpans(u, data);
  ctx.lineWidth = px(2);
  for (const m of data.marks) {
    const colour = colourOf(m.source);
    ctx.strokeStyle = colour;
    const p = at(m, m.value);
    const top = u.bbox.top + px(4);
    const bottom = u.bbox.top + u.bbox.height - px(4);
    const cap = (y: number) => {
      ctx.beginPath();
      ctx.moveTo(p.x - px(5), y);
      ctx.lineTo(p.x + px(5), y);
      ctx.stroke();
    };
    if ((m.shape === 'range' || m.shape === 'approx') && m.low !== null && m.high !== null) {
      const lo = at(m, m.low).y;
      const hi = at(m, m.high).y;
      ctx.setLineDash(m.shape === 'approx' ? [px(3), px(3)] : []);
      ctx.beginPath();
      ctx.moveTo(p.x, lo);
      ctx.lineTo(p.x, hi);
      ctx.stroke();
      ctx.setLineDash([]);
      cap(lo);
      cap(hi);
    } else if (m.shape === 'lower-bound' || m.shape === 'upper-bound') {
      // "more than" points up to the top of the plot, "fewer than" down to its bottom: an open-ended bound.
      const up = m.shape === 'lower-bound';
      const end = up ? top : bottom;
      cap(p.y);
      ctx.beginPath();
      ctx.moveTo(p.x, p.y);
      ctx.lineTo(p.x, end);
      ctx.stroke();
      arrow(ctx, p.x, end, up, px(5));
    }
    if (m.disputed) {
      ctx.strokeStyle = '#C00';
      ctx.beginPath();
      ctx.arc(p.x, p.y, px(8), 0, 2 * Math.PI);
      ctx.stroke();
    }
  }
  ctx.strokeStyle = '#C00';
  ctx.setLineDash([px(4), px(3)]);
  ctx.lineWidth = px(1.5);
  for (const [a, b] of data.conflicts) {
    const ma = data.marks[a];
    const mb = data.marks[b];
    if (!ma || !mb) continue;
    const pa = at(ma, ma.value);
    const pb = at(mb, mb.value);
    ctx.beginPath();
    ctx.moveTo(pa.x, pa.y);
    ctx.lineTo(pb.x, pb.y);
    ctx.stroke();
  }
  ctx.restore();
}

/** Ticks and labels in UTC days: reports carry calendar dates (plotted at noon UTC), not instants. */
const utcDate = (ts: number): Date => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');

/**
 * The series timeline: one colour per source, dots at the stated figures (at asOf), qualifiers as intervals, periods
 * as spans; date ticks only (days, weeks, months), the y-axis titled with the unit. `onTicks` hears the x labels drawn.
 */
export function timeline(
  target: HTMLElement,
  data: TimelineData,
  width: number,
  options: { unit: string; onTicks?: (labels: string[]) => void },
): uPlot {
  return new uPlot(
    {
      width,
      height: 320,
      tzDate: utcDate,
      scales: { x: { time: true, range: data.xRange }, y: { range: data.yRange } },
      axes: [
        {
          incrs: [...DATE_INCRS],
          space: 60,
          values: (_u, splits, _axis, _space, incr) => {
            const labels = dateTickLabels(splits, incr);
            options.onTicks?.(labels);
            return labels;
          },
        },
        { values: (_u, vals) => vals.map((v) => formatNumber(v)), size: 60, label: options.unit, labelSize: 20 },
      ],
      // Sources as a key only: the reports are listed beneath, no need for live values.
      legend: { show: true, live: false },
      series: [
        { label: 'date' },
        ...data.sources.map((s, i) => ({
          label: s,
          stroke: colourOf(i),
          fill: colourOf(i),
          paths: () => null,
          points: { show: true, size: 9, fill: colourOf(i), stroke: colourOf(i) },
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatNumber(v)),
        })),
      ],
      hooks: { draw: [(u) => drawMarks(u, data)] },
    },
    [data.xs, ...data.ys],
    target,
  );
}
