'use client';
import { Button } from '@argus/ui';
import { useEffect, useRef, useState } from 'react';
import { candidates } from './completions';
import { commonPrefix, type TerminalContext } from './local-commands';
import { type Entry, useSmartTerminal } from './use-smart-terminal';

function Prompt({ context, clusterName }: { context: TerminalContext; clusterName: string }) {
  return (
    <span className="select-none text-emerald-500">
      {clusterName}:{context.namespace}
      <span className="text-muted-foreground">$ </span>
    </span>
  );
}

function EntryView({
  entry,
  clusterName,
  onAnswer,
}: {
  entry: Entry;
  clusterName: string;
  onAnswer: (yes: boolean) => void;
}) {
  return (
    <div data-testid="terminal-entry" data-exit-code={entry.exitCode ?? ''}>
      <div className="whitespace-pre-wrap break-all">
        <Prompt context={entry.context} clusterName={clusterName} />
        <span data-testid="terminal-command">{entry.command}</span>
      </div>
      {entry.running && <div className="text-zinc-500">… (Ctrl+C stops a streaming command)</div>}
      {entry.output && (
        <pre
          data-testid="terminal-output"
          className={entry.exitCode ? 'whitespace-pre text-red-400' : 'whitespace-pre'}
        >
          {entry.output}
        </pre>
      )}
      {entry.confirm && (
        <div className="flex flex-wrap items-center gap-2 py-1" data-testid="terminal-confirm">
          <span className="text-amber-400">{entry.confirm}</span>
          {entry.answered ? (
            <span className="text-muted-foreground">{entry.answered === 'yes' ? 'yes' : 'no — nothing changed'}</span>
          ) : (
            <>
              <Button size="sm" variant="destructive" onClick={() => onAnswer(true)}>
                Yes
              </Button>
              <Button
                size="sm"
                variant="outline"
                className="border-zinc-600 bg-transparent text-zinc-100 hover:bg-zinc-800 hover:text-zinc-100"
                onClick={() => onAnswer(false)}
              >
                No
              </Button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The smart terminal: kubectl-style commands run as the user (POST /api/terminal/run), with a cluster and
 * namespace context (`use cluster`, `use namespace`), history (Up/Down) and Tab completion.
 */
export function SmartTerminal(props: {
  context: TerminalContext;
  clusterName: (id: string) => string;
  clusterByName: (name: string) => string | undefined;
  namespaces: string[];
  onContext: (c: TerminalContext) => void;
}) {
  const t = useSmartTerminal({
    context: props.context,
    clusterByName: props.clusterByName,
    onContext: props.onContext,
  });
  const [line, setLine] = useState('');
  const [hint, setHint] = useState('');
  const cursor = useRef<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const entryCount = t.entries.length;
  const lastOutput = t.entries[entryCount - 1]?.output;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when an entry is added or answered
  useEffect(() => {
    // a block body: newer Chromium's scrollIntoView returns a Promise, which React would take for a cleanup
    end.current?.scrollIntoView({ block: 'end' });
  }, [entryCount, lastOutput]);

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    const h = t.history();
    if (e.key === 'Enter') {
      e.preventDefault();
      t.run(line);
      setLine('');
      setHint('');
      cursor.current = null;
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (h.length === 0) return;
      let i = cursor.current ?? h.length;
      i = e.key === 'ArrowUp' ? Math.max(0, i - 1) : Math.min(h.length, i + 1);
      cursor.current = i;
      setLine(h[i] ?? '');
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const typed = line;
      void candidates(typed, props.context, props.namespaces).then((options) => {
        if (options.length === 0) return;
        const last = typed.split(/\s+/).pop() ?? '';
        const head = typed.slice(0, typed.length - last.length);
        // the line may have changed while the cluster answered: complete only what was asked about
        setLine((now) =>
          now !== typed ? now : options.length === 1 ? `${head}${options[0]} ` : `${head}${commonPrefix(options)}`,
        );
        setHint(options.length > 1 ? options.slice(0, 50).join('  ') : '');
      });
    } else if (e.key === 'c' && e.ctrlKey && !window.getSelection()?.toString()) {
      e.preventDefault();
      t.interrupt();
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      t.run('clear');
    }
  }

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a click anywhere focuses the prompt; keys go to the input
    <div
      className="h-[70vh] overflow-auto rounded-md border bg-zinc-950 p-3 font-mono text-[13px] leading-5 text-zinc-100"
      onClick={() => input.current?.focus()}
      data-testid="smart-terminal"
    >
      {t.entries.map((entry) => (
        <EntryView
          key={entry.id}
          entry={entry}
          clusterName={props.clusterName(entry.context.cluster)}
          onAnswer={(yes) => t.answer(entry, yes)}
        />
      ))}
      <div className="flex items-center">
        <Prompt context={props.context} clusterName={props.clusterName(props.context.cluster)} />
        <input
          ref={input}
          aria-label="Command"
          data-testid="terminal-input"
          className="flex-1 bg-transparent outline-none"
          value={line}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: a terminal page exists to type into
          autoFocus
          onChange={(e) => {
            setLine(e.target.value);
            setHint('');
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {hint && <div className="text-muted-foreground">{hint}</div>}
      <div ref={end} />
    </div>
  );
}
