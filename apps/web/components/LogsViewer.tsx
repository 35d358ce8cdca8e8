'use client';
import { Button, cn, Input, Label, Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@argus/ui';
import { DownloadIcon } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLogStream } from '@/hooks/use-log-stream';
import { qs } from '@/lib/api';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  clusterId: string;
  namespace: string;
  /** A pod's logs (with its containers), or a workload's merged logs ("deployment/web"). */
  pod?: { name: string; containers: string[] };
  workload?: string;
  /** The pod's container to show first (a container card's Logs shortcut). */
  container?: string;
}

export function LogsViewer({ clusterId, namespace, pod, workload, container: initial }: Props) {
  const [container, setContainer] = useState(
    initial && pod?.containers.includes(initial) ? initial : (pod?.containers[0] ?? ''),
  );
  const [follow, setFollow] = useState(true);
  const [wrap, setWrap] = useState(true);
  const [search, setSearch] = useState('');
  const [tail, setTail] = useState('500');
  const c = encodeURIComponent(clusterId);
  const url = pod
    ? `/api/clusters/${c}/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod.name)}/logs${qs({ container, follow, tailLines: tail })}`
    : `/api/clusters/${c}/logs${qs({ namespace, workload, follow, tailLines: tail })}`;
  const { lines, error, streaming } = useLogStream(url);
  const shown = useMemo(() => {
    const s = search.toLowerCase();
    return s ? lines.filter((l) => l.toLowerCase().includes(s)) : lines;
  }, [lines, search]);
  const end = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when lines arrive
  useEffect(() => {
    if (follow) end.current?.scrollIntoView({ block: 'end' });
  }, [shown.length, follow]);

  const download = () => {
    const blob = new Blob([`${lines.join('\n')}\n`], { type: 'text/plain' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${pod?.name ?? workload?.replace('/', '-')}${container ? `-${container}` : ''}.log`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {pod && pod.containers.length > 1 && (
          <Select value={container} onValueChange={setContainer}>
            <SelectTrigger className="w-48" aria-label="Container">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {pod.containers.map((n) => (
                <SelectItem key={n} value={n}>
                  {n}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
        <Input
          className="w-56"
          type="search"
          aria-label="Search logs"
          placeholder="Search logs…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="flex items-center gap-1.5">
          <Label htmlFor="tail">Last</Label>
          <Input
            id="tail"
            className="w-20"
            inputMode="numeric"
            value={tail}
            onChange={(e) => setTail(e.target.value.replace(/\D/g, ''))}
          />
          <span>lines</span>
        </div>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> Wrap lines
        </label>
        <Button variant="outline" size="sm" onClick={download} disabled={lines.length === 0}>
          <DownloadIcon aria-hidden="true" /> Download
        </Button>
        <span className="text-xs text-muted-foreground" aria-live="polite">
          {streaming ? (follow ? 'following…' : 'loading…') : 'ended'} · {shown.length}/{lines.length} lines
        </span>
      </div>
      <ErrorAlert error={error} title="Could not read the logs" />
      <div
        role="log"
        aria-label="Log output"
        className={cn(
          'h-[60vh] overflow-auto rounded-md border bg-muted/30 p-2 font-mono text-xs',
          wrap ? 'whitespace-pre-wrap break-all' : 'whitespace-pre',
        )}
      >
        {shown.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no identity
          <div key={i}>{l}</div>
        ))}
        <div ref={end} />
      </div>
    </div>
  );
}
