/** The Rook Ceph pages' own tabs (links; the URL is the state). */
import { cn } from '@argus/ui';

const PAGES = [
  { path: '/clusters', title: 'Clusters' },
  { path: '/pools', title: 'Block pools' },
  { path: '/filesystems', title: 'Filesystems' },
  { path: '/objectstores', title: 'Object stores' },
  { path: '/storage', title: 'StorageClasses & claims' },
] as const;

export function CephNav({ current, navigate }: { current: string; navigate(path: string): void }) {
  return (
    <nav aria-label="Rook Ceph" className="flex flex-wrap gap-1 border-b">
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
