/** A PromQL box: an instant query drawn as a table, a range query drawn as a chart. */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  AlertDescription,
  Button,
  LineChart,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Textarea,
} from '@argus/ui';
import { useState } from 'react';
import { fullSeriesName, seriesName } from './format';
import type { PromAnswer, PromResult } from './types';

const RANGE_SECONDS = 3600;
const POINTS = 240;

export function QueryPanel({ api, initial }: { api: PluginApi; initial?: string }) {
  const [text, setText] = useState(initial ?? 'up');
  const [answer, setAnswer] = useState<PromResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (mode: 'instant' | 'range') => {
    setBusy(true);
    setError(undefined);
    try {
      const end = Math.floor(Date.now() / 1000);
      const res =
        mode === 'instant'
          ? await api.get<PromAnswer<PromResult>>('/query', { query: text })
          : await api.get<PromAnswer<PromResult>>('/query_range', {
              query: text,
              start: String(end - RANGE_SECONDS),
              end: String(end),
              step: String(Math.ceil(RANGE_SECONDS / POINTS)),
            });
      setAnswer(res.data);
    } catch (err) {
      setAnswer(undefined);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <Textarea
        aria-label="PromQL expression"
        className="font-mono text-sm"
        rows={3}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run('instant');
        }}
      />
      <div className="flex gap-2">
        <Button size="sm" disabled={busy || text.trim() === ''} onClick={() => void run('instant')}>
          Execute
        </Button>
        <Button size="sm" variant="outline" disabled={busy || text.trim() === ''} onClick={() => void run('range')}>
          Graph (last hour)
        </Button>
      </div>
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {answer && <QueryResult result={answer} />}
    </div>
  );
}

function QueryResult({ result }: { result: PromResult }) {
  if (result.resultType === 'matrix')
    return (
      <LineChart
        aria-label="query result"
        height={260}
        series={result.result.map((r) => ({
          name: seriesName(r.metric),
          points: r.values.map(([t, v]) => [t, Number(v)] as const),
        }))}
      />
    );
  if (result.resultType === 'vector')
    return (
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Series</TableHead>
            <TableHead className="text-right">Value</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {result.result.length === 0 && (
            <TableRow>
              <TableCell colSpan={2} className="text-muted-foreground">
                Empty result
              </TableCell>
            </TableRow>
          )}
          {result.result.map((r) => (
            <TableRow key={JSON.stringify(r.metric)}>
              <TableCell className="font-mono text-xs">{fullSeriesName(r.metric)}</TableCell>
              <TableCell className="text-right tabular-nums">{r.value[1]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  return <p className="font-mono text-sm">{result.result[1]}</p>;
}
