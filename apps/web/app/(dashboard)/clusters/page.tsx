'use client';
import {
  Button,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
  Skeleton,
} from '@argus/ui';
import { PlusIcon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { AddClusterForm } from '@/components/AddClusterForm';
import { ClusterCard } from '@/components/ClusterCard';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useClusters } from '@/hooks/use-clusters';
import { usePermissions } from '@/hooks/use-permissions';

export default function ClustersPage() {
  const clusters = useClusters();
  const { can } = usePermissions();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <div className="grid gap-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Clusters</h1>
        {clusters.data && <span className="text-sm text-muted-foreground">{clusters.data.length} registered</span>}
        {can('clusters', 'write') && (
          <Dialog open={open} onOpenChange={setOpen}>
            <DialogTrigger asChild>
              <Button className="ml-auto" size="sm">
                <PlusIcon aria-hidden="true" /> Add cluster
              </Button>
            </DialogTrigger>
            <DialogContent>
              <DialogHeader>
                <DialogTitle>Add a cluster</DialogTitle>
                <DialogDescription>Argus connects before saving; credentials are encrypted at rest.</DialogDescription>
              </DialogHeader>
              <AddClusterForm
                onAdded={(c) => {
                  setOpen(false);
                  router.push(`/clusters/${c.id}`);
                }}
              />
            </DialogContent>
          </Dialog>
        )}
      </div>
      <ErrorAlert error={clusters.error} title="Could not list clusters" />
      {clusters.isLoading && (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          <Skeleton className="h-56" />
          <Skeleton className="h-56" />
        </div>
      )}
      {clusters.data?.length === 0 && <p className="text-sm text-muted-foreground">No cluster is registered yet.</p>}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {clusters.data?.map((c) => (
          <ClusterCard key={c.id} cluster={c} />
        ))}
      </div>
    </div>
  );
}
