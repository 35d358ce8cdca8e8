'use client';
import { ExecTerminalPage } from '@/components/terminal/ExecTerminalPage';

/** `/terminal/exec?cluster=&namespace=&pod=&container=` (or `selector=` for a workload): a shell in a container. */
export default function TerminalExecPage() {
  return <ExecTerminalPage />;
}
