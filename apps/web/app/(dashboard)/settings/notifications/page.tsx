'use client';
import { PreferencesForm } from '@/components/notifications/PreferencesForm';

export default function NotificationSettingsPage() {
  return (
    <div className="grid gap-4">
      <h1 className="text-xl font-semibold">Notification preferences</h1>
      <p className="max-w-3xl text-sm text-muted-foreground">
        What you are told about, and where. You only ever hear about objects you may read, and only within the scope
        chosen here.
      </p>
      <PreferencesForm />
    </div>
  );
}
