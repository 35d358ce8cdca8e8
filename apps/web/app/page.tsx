'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { FullPageMessage } from '@/components/FullPageMessage';
import { api, describeError } from '@/lib/api';

/** `/`: to the setup wizard on a fresh install, otherwise to the clusters overview. */
export default function Home() {
  const router = useRouter();
  useEffect(() => {
    api<{ completed: boolean }>('/api/setup/status')
      .then((s) => router.replace(s.completed ? '/clusters' : '/setup'))
      .catch((err) => router.replace(`/login?error=${encodeURIComponent(describeError(err))}`));
  }, [router]);
  return <FullPageMessage>Loading Argus…</FullPageMessage>;
}
