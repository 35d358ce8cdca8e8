/** The Calico pages' own tabs (links: the URL is the state). */
import { cn } from '@argus/ui';

const PAGES = [
  { path: '/policies', title: 'Policies' },
  { path: '/staged', title: 'Staged' },
  { path: '/networksets', title: 'Network sets' },
  { path: '/hostendpoints', title: 'Host endpoints' },
  { path: '/ippools', title: 'IP pools' },
  { path: '/bgp', title: 'BGP' },
  { path: '/status', title: 'Status' },
] as const;

export function CalicoNav({ current, navigate }: { current: string; navigate(path: string): void }) {
  return (
    <nav aria-label="Calico" className="flex flex-wrap gap-1 border-b">
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

export function PageShell({
  current,
  navigate,
  children,
}: {
  current: string;
  navigate(path: string): void;
  children: React.ReactNode;
}) {
  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <h1 className="text-xl font-semibold">Calico</h1>
      <CalicoNav current={current} navigate={navigate} />
      {children}
    </div>
  );
}
