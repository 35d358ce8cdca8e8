'use client';
import { Button, Input, Label, Tabs, TabsContent, TabsList, TabsTrigger, Textarea } from '@argus/ui';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '@/lib/api';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  onAdded: (cluster: { id: string; name: string }) => void;
}

/** `POST /api/clusters`: a name and a kubeconfig, pasted or uploaded, with an optional context. */
export function AddClusterForm({ onAdded }: Props) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [kubeconfig, setKubeconfig] = useState('');
  const [context, setContext] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setKubeconfig(await file.text());
    if (!name) setName(file.name.replace(/\.(ya?ml|conf|config)$/i, ''));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { name, kubeconfig };
      if (context.trim()) body.context = context.trim();
      const cluster = await api<{ id: string; name: string }>('/api/clusters', { method: 'POST', body });
      await qc.invalidateQueries({ queryKey: ['clusters'] });
      onAdded(cluster);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="grid gap-4" aria-label="Add a cluster">
      <ErrorAlert error={error} title="The cluster was not added" />
      <div className="grid gap-2">
        <Label htmlFor="cluster-name">Cluster name</Label>
        <Input
          id="cluster-name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="production"
        />
      </div>
      <Tabs defaultValue="paste">
        <TabsList aria-label="Kubeconfig source">
          <TabsTrigger value="paste">Paste kubeconfig</TabsTrigger>
          <TabsTrigger value="upload">Upload file</TabsTrigger>
        </TabsList>
        <TabsContent value="paste" className="grid gap-2">
          <Label htmlFor="kubeconfig">Kubeconfig</Label>
          <Textarea
            id="kubeconfig"
            className="h-48 font-mono text-xs"
            spellCheck={false}
            value={kubeconfig}
            onChange={(e) => setKubeconfig(e.target.value)}
            placeholder="apiVersion: v1&#10;kind: Config&#10;clusters: …"
          />
        </TabsContent>
        <TabsContent value="upload" className="grid gap-2">
          <Label htmlFor="kubeconfig-file">Kubeconfig file</Label>
          <Input id="kubeconfig-file" type="file" onChange={(e) => void onFile(e.target.files?.[0])} />
          {kubeconfig && <p className="text-xs text-muted-foreground">{kubeconfig.length} characters read.</p>}
        </TabsContent>
      </Tabs>
      <div className="grid gap-2">
        <Label htmlFor="context">Context (optional)</Label>
        <Input
          id="context"
          value={context}
          onChange={(e) => setContext(e.target.value)}
          placeholder="the current context"
        />
      </div>
      <Button type="submit" disabled={busy || !kubeconfig.trim() || !name.trim()}>
        {busy ? 'Connecting…' : 'Add cluster'}
      </Button>
    </form>
  );
}
