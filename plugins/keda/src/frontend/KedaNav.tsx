/** The KEDA pages' own tabs: scaled objects, scaled jobs, trigger authentications (links, the URL is the state). */
import { cn } from '@argus/ui';

const PAGES = [
  { path: '/scaledobjects', title: 'Scaled objects' },
  { path: '/scaledjobs', title: 'Scaled jobs' },
  { path: '/authentications', title: 'Trigger authentications' },
] as const;

export function KedaNav({ current, navigate }: { current: string; navigate(path: string): void }) {
  return (
    <nav aria-label="KEDA" className="flex gap-1 border-b">
      {PAGES.map((p) => (
        <button
          key={p.path}
          type="button"
          aria-current={p.path === current ? 'page' : undefined}
          onClick={() => navigate(p.path)}
          className={cn(
            '-mb-px border-b-2 px-3 py-1.5 text-sm',
            p.path === current
              ? 'border-primary font-medium text-foreground'
              : 'border-transparent text-muted-foreground hover:text-foreground',
          )}
        >
          {p.title}
        </button>
      ))}
    </nav>
  );
}
