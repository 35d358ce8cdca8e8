'use client';
import { safeNext } from '@argus/contracts/safe-next';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { FullPageMessage } from '@/components/FullPageMessage';
import { acceptTokens } from '@/lib/api';

/**
 * The OIDC callback lands here with the tokens in the fragment (never sent to a server, never logged), or
 * with `error` (a stable code) and `error_description`. The fragment is removed from the address bar and
 * history before anything else happens; then the tokens are stored, or the error is shown.
 */
export default function OidcCallbackPage() {
  const router = useRouter();
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  useEffect(() => {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    window.history.replaceState(null, '', window.location.pathname);
    const access = fragment.get('access_token');
    const refresh = fragment.get('refresh_token');
    if (access && refresh) {
      acceptTokens({ access_token: access, refresh_token: refresh });
      router.replace(safeNext(fragment.get('next')));
    } else
      setError({
        code: fragment.get('error') ?? 'OIDC_NO_TOKENS',
        message:
          fragment.get('error_description') ?? fragment.get('error') ?? 'The sign-in provider did not return tokens.',
      });
  }, [router]);
  return (
    <FullPageMessage>
      {error ? (
        <div className="grid max-w-md gap-3">
          <ErrorAlert error={new Error(error.message)} title="Single sign-on failed" />
          <p className="text-xs text-muted-foreground">
            Error code: <code className="font-mono">{error.code}</code>
          </p>
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
