'use client';
import Link from 'next/link';
import { RecordingPlayer } from '@/components/terminal/RecordingPlayer';
import { useQueryState } from '@/hooks/use-query-state';

/** `/admin/audit/recording?id=SESSION`: one recorded terminal session, linked from its audit rows. */
export default function RecordingPage() {
  const [params] = useQueryState();
  const id = params.get('id') ?? '';
  return (
    <div className="grid gap-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Terminal recording</h1>
        <Link className="text-sm underline" href="/admin/audit?action=terminal.exec.end">
          Back to the audit log
        </Link>
      </div>
      {id ? <RecordingPlayer id={id} /> : <p className="text-sm">No recording named: open one from the audit log.</p>}
    </div>
  );
}
