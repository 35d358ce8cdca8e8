/**
 * The small JSONPath subset used by CRD additionalPrinterColumns:
 * `.a.b`, `.a[0].b`, `.a[*].b`, `.a[?(@.type=="Ready")].status`.
 */
type Step = { field: string } | { index: number } | { all: true } | { filter: { path: string[]; value: string } };

function parse(path: string): Step[] {
  const steps: Step[] = [];
  const re =
    /\.([A-Za-z0-9_\-$]+)|\[(\d+)\]|\[\*\]|\[\?\(@\.([A-Za-z0-9_.-]+)\s*==\s*["']([^"']*)["']\)\]|\['([^']+)'\]/g;
  let m: RegExpExecArray | null = re.exec(path);
  while (m) {
    if (m[1] !== undefined) steps.push({ field: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ filter: { path: m[3].split('.'), value: m[4] ?? '' } });
    else if (m[5] !== undefined) steps.push({ field: m[5] });
    else steps.push({ all: true });
    m = re.exec(path);
  }
  return steps;
}

function dig(v: unknown, path: string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function evalJsonPath(obj: unknown, path: string): unknown[] {
  let cur: unknown[] = [obj];
  for (const step of parse(path.trim().replace(/^\{|\}$/g, ''))) {
    const next: unknown[] = [];
    for (const v of cur) {
      if ('field' in step) {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const x = (v as Record<string, unknown>)[step.field];
          if (x !== undefined) next.push(x);
        }
      } else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if ('all' in step) {
        if (Array.isArray(v)) next.push(...v);
      } else if (Array.isArray(v)) {
        for (const item of v) if (String(dig(item, step.filter.path)) === step.filter.value) next.push(item);
      }
    }
    cur = next;
  }
  return cur;
}
