/** The plugin's pages, one link each (the page's own is current). */
import { cn } from '@argus/ui';
import { KINDS } from './types';

const PAGES: ReadonlyArray<readonly [string, string]> = [
  ['overview', 'Overview'],
  ['traffic', 'Traffic'],
  ['topology', 'Topology'],
  ...KINDS.map((k) => [k.plural, k.title] as const),
];

export function Nav({ current, navigate }: { current: string; navigate(path: string): void }) {
  return (
    <nav aria-label="Istio" className="flex flex-wrap gap-1 border-b">
      {PAGES.map(([id, title]) => (
        <button
          key={id}
          type="button"
          aria-current={id === current ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-1.5 text-sm',
            id === current
              ? 'border-primary font-medium'
              : 'border-transparent text-muted-foreground hover:text-foreground',
          )}
          onClick={() => navigate(`/${id}`)}
        >
          {title}
        </button>
      ))}
    </nav>
  );
}
