'use client';
import { DEFAULT_NEXT, safeNext } from '@argus/contracts/safe-next';
import { Button, Input, Label } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { LogInIcon } from 'lucide-react';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, Suspense, useEffect, useState } from 'react';
import { AuthCard } from '@/components/AuthCard';
import { ErrorAlert } from '@/components/ErrorAlert';
import { acceptTokens, api } from '@/lib/api';

interface OidcInfo {
  enabled: boolean;
  name?: string;
}

/** The SSO start, carrying where to go after signing in (the server accepts only paths of this site). */
function ssoHref(next: string | null): string {
  const target = safeNext(next);
  return target === DEFAULT_NEXT
    ? '/api/auth/oidc/authorize'
    : `/api/auth/oidc/authorize?next=${encodeURIComponent(target)}`;
}

function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(params.get('error') ? new Error(params.get('error') ?? '') : null);
  const oidc = useQuery({
    queryKey: ['oidc-info'],
    queryFn: () => api<OidcInfo>('/api/auth/oidc/info'),
    retry: false,
  });
  const setup = useQuery({
    queryKey: ['setup-status'],
    queryFn: () => api<{ completed: boolean }>('/api/setup/status'),
  });

  useEffect(() => {
    if (setup.data && !setup.data.completed) router.replace('/setup');
  }, [setup.data, router]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      acceptTokens(await api('/api/auth/login', { method: 'POST', body: { email, password } }));
      router.replace(safeNext(params.get('next')));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Sign in" description="Sign in to your Argus account.">
      <form onSubmit={submit} className="grid gap-4" aria-label="Sign in">
        <ErrorAlert error={error} title="Sign-in failed" />
        <div className="grid gap-2">
          <Label htmlFor="email">Email</Label>
          <Input
            id="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="password">Password</Label>
          <Input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <Button type="submit" disabled={busy}>
          <LogInIcon aria-hidden="true" /> {busy ? 'Signing in…' : 'Sign in'}
        </Button>
        {oidc.data?.enabled && (
          <Button variant="outline" asChild>
            {/* A full navigation: the server redirects to the provider. */}
            <a href={ssoHref(params.get('next'))}>Login with {oidc.data.name || 'SSO'}</a>
          </Button>
        )}
      </form>
    </AuthCard>
  );
}

export default function LoginPage() {
  return (
    <Suspense>
      <LoginForm />
    </Suspense>
  );
}
