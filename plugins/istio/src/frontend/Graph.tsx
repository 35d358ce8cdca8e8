/**
 * A directed graph drawn in SVG without a library: nodes in columns by their depth from the sources (left to
 * right), edges as curves with a label (a route's weight, or a traffic edge's rate, errors and p95).
 */
export interface GraphNode {
  id: string;
  kind: string;
  label: string;
  sub?: string;
}
export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  tone?: 'ok' | 'warn' | 'bad' | 'muted';
  /** Stroke width factor (e.g. by request rate). */
  width?: number;
  /** More about the edge, shown on hover (e.g. the p95 latency). */
  title?: string;
}

const COL_W = 260;
const ROW_H = 72;
const NODE_W = 160;
const NODE_H = 40;

/** Depth of each node: the longest path from a node without incoming edges (cycles are cut). */
export function layers(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Map<string, number> {
  const depth = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of edges) {
      const d = (depth.get(e.from) ?? 0) + 1;
      if (depth.has(e.to) && d > (depth.get(e.to) ?? 0) && d < nodes.length) {
        depth.set(e.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  // A node nothing points to sits just left of its nearest target (a client outside the mesh calling one
  // service deep in the graph), so its edge does not run across the columns in between.
  const incoming = new Set(edges.map((e) => e.to));
  for (const n of nodes) {
    if (incoming.has(n.id)) continue;
    const targets = edges.filter((e) => e.from === n.id).map((e) => depth.get(e.to) ?? 0);
    if (targets.length) depth.set(n.id, Math.max(0, Math.min(...targets) - 1));
  }
  return depth;
}

const TONE = {
  ok: 'var(--success)',
  warn: 'var(--warning)',
  bad: 'var(--destructive)',
  muted: 'var(--muted-foreground)',
} as const;

export function Graph({
  nodes,
  edges,
  label,
}: {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  label: string;
}) {
  const depth = layers(nodes, edges);
  const columns = new Map<number, GraphNode[]>();
  for (const n of nodes) columns.set(depth.get(n.id) ?? 0, [...(columns.get(depth.get(n.id) ?? 0) ?? []), n]);
  const pos = new Map<string, { x: number; y: number }>();
  for (const [d, list] of columns)
    for (const [i, n] of list.entries()) pos.set(n.id, { x: 10 + d * COL_W, y: 10 + i * ROW_H });
  const width = 20 + Math.max(0, ...columns.keys()) * COL_W + NODE_W;
  const rows = 20 + Math.max(1, ...[...columns.values()].map((l) => l.length)) * ROW_H;
  // Edges that skip a column run in a lane below the nodes instead of across them.
  const skips = edges.some((e) => Math.abs((depth.get(e.to) ?? 0) - (depth.get(e.from) ?? 0)) > 1);
  const lane = rows + 10;
  const height = skips ? rows + 40 : rows;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <defs>
        <marker
          id="istio-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerUnits="userSpaceOnUse"
          markerWidth="9"
          markerHeight="9"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--muted-foreground)" />
        </marker>
      </defs>
      {edges.map((e) => {
        const a = pos.get(e.from);
        const b = pos.get(e.to);
        if (!a || !b) return null;
        const x1 = a.x + NODE_W;
        const y1 = a.y + NODE_H / 2;
        const x2 = b.x;
        const y2 = b.y + NODE_H / 2;
        const mx = (x1 + x2) / 2;
        const long = Math.abs((depth.get(e.to) ?? 0) - (depth.get(e.from) ?? 0)) > 1;
        const d = long
          ? `M ${x1} ${y1} C ${x1 + 60} ${lane}, ${x2 - 60} ${lane}, ${x2} ${y2}`
          : `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`;
        const labelY = long ? lane - 4 : (y1 + y2) / 2 - 5;
        return (
          <g key={`${e.from}->${e.to}`} data-edge={`${e.from}->${e.to}`}>
            {e.title && <title>{e.title}</title>}
            <path
              d={d}
              fill="none"
              stroke={TONE[e.tone ?? 'muted']}
              strokeWidth={Math.max(1, Math.min(6, e.width ?? 1.5))}
              markerEnd="url(#istio-arrow)"
            />
            {e.label && (
              <text x={mx} y={labelY} textAnchor="middle" fill="var(--foreground)" fontSize={11}>
                {e.label}
              </text>
            )}
          </g>
        );
      })}
      {nodes.map((n) => {
        const p = pos.get(n.id);
        if (!p) return null;
        return (
          <g key={n.id} data-node={n.id}>
            <rect x={p.x} y={p.y} width={NODE_W} height={NODE_H} rx={6} fill="var(--card)" stroke="var(--border)" />
            <text x={p.x + 8} y={p.y + 16} fill="var(--foreground)" fontSize={12} fontWeight={500}>
              {n.label.length > 24 ? `${n.label.slice(0, 23)}…` : n.label}
            </text>
            <text x={p.x + 8} y={p.y + 31} fill="var(--muted-foreground)" fontSize={10}>
              {n.sub ?? n.kind}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
