'use client';
import { Badge, Button, Input, Label } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { AddClusterForm } from '@/components/AddClusterForm';
import { AuthCard } from '@/components/AuthCard';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useClusters } from '@/hooks/use-clusters';
import { acceptTokens, api } from '@/lib/api';
import { useAuthStore } from '@/stores/auth-store';

interface ClusterSummary {
  id: string;
  name: string;
  connection_type?: string;
  status?: string;
}

function AdminStep({ onDone }: { onDone: () => void }) {
  const [form, setForm] = useState({ name: '', email: '', password: '', confirm: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = (k: keyof typeof form) => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value })),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.password !== form.confirm) return setError(new Error('The two passwords differ.'));
    setBusy(true);
    setError(null);
    try {
      const body = { email: form.email, password: form.password, name: form.name };
      const res = await api<{ access_token?: string; refresh_token?: string }>('/api/setup/init', {
        method: 'POST',
        body,
      });
      if (res.access_token && res.refresh_token) acceptTokens(res as { access_token: string; refresh_token: string });
      else
        acceptTokens(
          await api('/api/auth/login', { method: 'POST', body: { email: form.email, password: form.password } }),
        );
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="grid gap-4" aria-label="Create the first administrator">
      <ErrorAlert error={error} title="Setup failed" />
      <div className="grid gap-2">
        <Label htmlFor="admin-name">Name</Label>
        <Input id="admin-name" required autoComplete="name" {...field('name')} />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="admin-email">Email</Label>
        <Input id="admin-email" type="email" required autoComplete="username" {...field('email')} />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="admin-password">Password (at least 8 characters)</Label>
        <Input
          id="admin-password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          {...field('password')}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="admin-confirm">Repeat password</Label>
        <Input
          id="admin-confirm"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          {...field('confirm')}
        />
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create administrator'}
      </Button>
    </form>
  );
}

function ClusterStep({ onDone }: { onDone: () => void }) {
  const clusters = useClusters();
  const list: ClusterSummary[] = clusters.data ?? [];
  return (
    <div className="grid gap-5">
      <ErrorAlert error={clusters.error} title="Could not list clusters" />
      {list.length > 0 && (
        <section aria-label="Registered clusters" className="grid gap-2 rounded-md border p-3">
          <p className="text-sm">
            {list.some((c) => c.connection_type === 'demo')
              ? 'Simulated demo clusters are ready:'
              : 'Registered clusters:'}
          </p>
          <ul className="flex flex-wrap gap-2">
            {list.map((c) => (
              <li key={c.id}>
                <Badge variant="secondary">{c.name}</Badge>
              </li>
            ))}
          </ul>
          <Button variant="secondary" onClick={onDone}>
            Keep these clusters and continue
          </Button>
        </section>
      )}
      <AddClusterForm onAdded={onDone} />
      {list.length === 0 && (
        <Button variant="ghost" onClick={onDone}>
          Skip for now
        </Button>
      )}
    </div>
  );
}

export default function SetupPage() {
  const router = useRouter();
  const signedIn = useAuthStore((s) => s.accessToken !== null);
  const status = useQuery({
    queryKey: ['setup-status'],
    queryFn: () => api<{ completed: boolean }>('/api/setup/status'),
  });
  const [step, setStep] = useState<'admin' | 'cluster'>('admin');

  useEffect(() => {
    // Setup already done by someone else (or earlier): this page is only for the first run.
    if (status.data?.completed && !signedIn && step === 'admin') router.replace('/login');
  }, [status.data, signedIn, step, router]);

  if (step === 'cluster')
    return (
      <AuthCard
        title="Add your first cluster"
        description="Step 2 of 2: paste or upload a kubeconfig, or keep the demo clusters."
      >
        <ClusterStep onDone={() => router.replace('/clusters')} />
      </AuthCard>
    );
  return (
    <AuthCard title="Welcome to Argus" description="Step 1 of 2: create the first administrator.">
      <ErrorAlert error={status.error} title="The server did not answer" />
      <AdminStep onDone={() => setStep('cluster')} />
    </AuthCard>
  );
}
