'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { FullPageMessage } from '@/components/FullPageMessage';
import { acceptTokens } from '@/lib/api';

/**
 * The OIDC callback lands here with the tokens in the fragment (never sent to a server, never logged).
 * They are stored, then removed from the address bar and history before anything else happens.
 */
export default function OidcCallbackPage() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    window.history.replaceState(null, '', window.location.pathname);
    const access = fragment.get('access_token');
    const refresh = fragment.get('refresh_token');
    const err = fragment.get('error_description') ?? fragment.get('error');
    if (access && refresh) {
      acceptTokens({ access_token: access, refresh_token: refresh });
      router.replace('/clusters');
    } else setError(err ?? 'The sign-in provider did not return tokens.');
  }, [router]);
  return (
    <FullPageMessage>
      {error ? (
        <div className="grid max-w-md gap-3">
          <ErrorAlert error={new Error(error)} title="Single sign-on failed" />
          <a className="text-primary underline" href="/login">
            Back to sign in
          </a>
        </div>
      ) : (
        'Signing you in…'
      )}
    </FullPageMessage>
  );
}
