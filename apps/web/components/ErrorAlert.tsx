import { Alert, AlertDescription, AlertTitle } from '@argus/ui';
import { CircleAlertIcon } from 'lucide-react';
import { describeError } from '@/lib/api';

/** Every API error shown in words, never swallowed. */
export function ErrorAlert({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert variant="destructive">
      <CircleAlertIcon aria-hidden="true" />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>{describeError(error)}</AlertDescription>
    </Alert>
  );
}
