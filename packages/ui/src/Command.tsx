import { SearchIcon } from 'lucide-react';
import * as React from 'react';
import { cn } from './cn';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from './Dialog';

export interface CommandItem {
  id: string;
  label: string;
  group: string;
  /** Extra words matched by the filter but not shown. */
  keywords?: string;
  hint?: string;
  icon?: React.ReactNode;
  onSelect: () => void;
}

/** Every word of the query must occur (case-insensitive) in the label, group or keywords. */
export function filterCommands(items: CommandItem[], query: string, max = 60): CommandItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.slice(0, max);
  const out: CommandItem[] = [];
  for (const item of items) {
    const hay = `${item.label} ${item.group} ${item.keywords ?? ''}`.toLowerCase();
    if (words.every((w) => hay.includes(w))) out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

export interface CommandPaletteProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  items: CommandItem[];
  query: string;
  onQueryChange: (q: string) => void;
  placeholder?: string;
  /** Shown under the items (e.g. "searching…"). */
  footer?: React.ReactNode;
}

/** A keyboard-first list in a dialog: type to filter, arrows to move, Enter to run. */
export function CommandPalette({
  open,
  onOpenChange,
  items,
  query,
  onQueryChange,
  placeholder = 'Type a command or search…',
  footer,
}: CommandPaletteProps) {
  const [active, setActive] = React.useState(0);
  const listId = React.useId();
  const listRef = React.useRef<HTMLDivElement>(null);
  const shown = React.useMemo(() => filterCommands(items, query), [items, query]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the cursor when the query changes
  React.useEffect(() => setActive(0), [query]);
  React.useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (item: CommandItem | undefined) => {
    if (!item) return;
    onOpenChange(false);
    item.onSelect();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, shown.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(shown[active]);
    }
  };

  let lastGroup = '';
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="top-[20%] translate-y-0 gap-0 overflow-hidden p-0 sm:max-w-xl">
        <DialogTitle className="sr-only">Command palette</DialogTitle>
        <DialogDescription className="sr-only">Search pages, clusters and resources</DialogDescription>
        <div className="flex items-center gap-2 border-b px-3">
          <SearchIcon className="size-4 shrink-0 opacity-50" aria-hidden="true" />
          <input
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
            aria-label="Command"
            className="flex h-11 w-full bg-transparent py-3 text-sm outline-none placeholder:text-muted-foreground"
            placeholder={placeholder}
            value={query}
            onChange={(e) => onQueryChange(e.target.value)}
            onKeyDown={onKeyDown}
          />
        </div>
        <div ref={listRef} id={listId} role="listbox" aria-label="Results" className="max-h-96 overflow-y-auto p-1">
          {shown.length === 0 && <p className="py-6 text-center text-sm text-muted-foreground">No results.</p>}
          {shown.map((item, i) => {
            const header = item.group !== lastGroup ? item.group : null;
            lastGroup = item.group;
            return (
              <React.Fragment key={item.id}>
                {header && <div className="px-2 pb-1 pt-2 text-xs font-medium text-muted-foreground">{header}</div>}
                <div
                  id={`${listId}-${i}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={i === active}
                  data-index={i}
                  className={cn(
                    'flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm',
                    i === active && 'bg-accent text-accent-foreground',
                  )}
                  onMouseMove={() => setActive(i)}
                  onClick={() => run(item)}
                  onKeyDown={undefined}
                >
                  {item.icon}
                  <span className="truncate">{item.label}</span>
                  {item.hint && <span className="ml-auto text-xs text-muted-foreground">{item.hint}</span>}
                </div>
              </React.Fragment>
            );
          })}
        </div>
        {footer && <div className="border-t px-3 py-2 text-xs text-muted-foreground">{footer}</div>}
      </DialogContent>
    </Dialog>
  );
}
