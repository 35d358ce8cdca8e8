import * as React from 'react';
import { cn } from './cn';

/** One line: `[x, y]` points, x usually Unix seconds. */
export interface LineChartSeries {
  name: string;
  points: readonly (readonly [number, number])[];
  color?: string;
}

export interface LineChartProps {
  series: readonly LineChartSeries[];
  /** Height in pixels (the chart takes its container's width). */
  height?: number;
  formatY?: (value: number) => string;
  formatX?: (x: number) => string;
  /** Shown when there is nothing to draw. */
  empty?: React.ReactNode;
  className?: string;
  'aria-label'?: string;
}

export const CHART_COLORS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

const W = 640;
const PAD = { left: 56, right: 12, top: 10, bottom: 24 };

function defaultTime(x: number): string {
  return new Date(x * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function defaultNumber(v: number): string {
  return Math.abs(v) >= 1000 || v === 0 ? v.toFixed(0) : v.toPrecision(3);
}

/** `count` round values covering [min, max]. */
function ticks(min: number, max: number, count: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step) out.push(v);
  return out;
}

/** A small dependency-free SVG line chart with axes, a legend and a hover read-out. */
export function LineChart({
  series,
  height = 200,
  formatY = defaultNumber,
  formatX = defaultTime,
  empty = 'No data',
  className,
  ...rest
}: LineChartProps) {
  const [hover, setHover] = React.useState<number | undefined>();
  const all = series.flatMap((s) => s.points);
  if (all.length === 0)
    return (
      <div
        className={cn('flex items-center justify-center text-sm text-muted-foreground', className)}
        style={{ height }}
      >
        {empty}
      </div>
    );
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const yTicks = ticks(Math.min(0, ...ys), Math.max(...ys), 4);
  const y0 = yTicks[0] ?? 0;
  const y1 = yTicks[yTicks.length - 1] ?? 1;
  const H = height;
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const xTicks = Array.from({ length: 5 }, (_, i) => x0 + ((x1 - x0) * i) / 4);
  const colored = series.map((s, i) => ({ ...s, color: s.color ?? CHART_COLORS[i % CHART_COLORS.length] }));

  const onMove = (e: React.MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - box.left) / box.width) * W;
    const x = x0 + ((px - PAD.left) / (W - PAD.left - PAD.right)) * (x1 - x0);
    let best = xs[0] ?? x0;
    for (const c of xs) if (Math.abs(c - x) < Math.abs(best - x)) best = c;
    setHover(best);
  };
  const readout =
    hover === undefined
      ? []
      : colored
          .map((s) => ({ s, p: s.points.find((p) => p[0] === hover) }))
          .filter((r): r is { s: (typeof colored)[number]; p: readonly [number, number] } => r.p !== undefined);

  return (
    <div className={cn('relative w-full', className)}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="w-full"
        style={{ height }}
        preserveAspectRatio="none"
        role="img"
        aria-label={rest['aria-label'] ?? 'line chart'}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(undefined)}
      >
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} stroke="currentColor" strokeOpacity={0.1} />
            <text
              x={PAD.left - 6}
              y={sy(t)}
              dy="0.32em"
              textAnchor="end"
              fontSize={10}
              fill="currentColor"
              opacity={0.6}
            >
              {formatY(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={sx(t)} y={H - 6} textAnchor="middle" fontSize={10} fill="currentColor" opacity={0.6}>
            {formatX(t)}
          </text>
        ))}
        {colored.map((s) => (
          <polyline
            key={s.name}
            fill="none"
            stroke={s.color}
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
            points={s.points.map(([x, y]) => `${sx(x)},${sy(y)}`).join(' ')}
          />
        ))}
        {hover !== undefined && (
          <line
            x1={sx(hover)}
            x2={sx(hover)}
            y1={PAD.top}
            y2={H - PAD.bottom}
            stroke="currentColor"
            strokeOpacity={0.3}
          />
        )}
      </svg>
      {readout.length > 0 && hover !== undefined && (
        <div className="pointer-events-none absolute top-1 right-2 max-w-[60%] rounded-md border bg-background/95 px-2 py-1 text-xs shadow">
          <div className="font-medium">{formatX(hover)}</div>
          {readout.slice(0, 8).map(({ s, p }) => (
            <div key={s.name} className="flex items-center gap-1.5 truncate">
              <span className="inline-block size-2 shrink-0 rounded-full" style={{ background: s.color }} />
              <span className="truncate">{s.name}</span>
              <span className="ml-auto pl-2 tabular-nums">{formatY(p[1])}</span>
            </div>
          ))}
        </div>
      )}
      {colored.length > 1 && (
        <div className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted-foreground">
          {colored.slice(0, 12).map((s) => (
            <span key={s.name} className="flex items-center gap-1">
              <span className="inline-block size-2 rounded-full" style={{ background: s.color }} />
              {s.name}
            </span>
          ))}
          {colored.length > 12 && <span>+{colored.length - 12} more</span>}
        </div>
      )}
    </div>
  );
}
