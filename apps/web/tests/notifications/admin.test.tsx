// @vitest-environment jsdom
// The admin pages of the notification path (channels with write-only secrets and "send test"; Alertmanager
// sources whose token is shown once) and each user's preferences, against fake-argus.tsx's routes.
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertSourcesAdmin } from '@/components/notifications/AlertSourcesAdmin';
import { ChannelsAdmin } from '@/components/notifications/ChannelsAdmin';
import { PreferencesForm } from '@/components/notifications/PreferencesForm';
import { fakeArgus, renderApp } from './fake-argus';

vi.mock('next/link', () => import('../detail/next-mocks'));
vi.mock('next/navigation', () => import('../detail/next-mocks'));

beforeEach(() => window.history.replaceState(null, '', '/admin/notification-channels'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const channelRows = () =>
  within(screen.getByRole('table', { name: 'Notification channels' }))
    .getAllByRole('row')
    .slice(1);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('notification channels', () => {
  it('creates a webhook channel, never shows its secrets again, and sends a test', async () => {
    const { calls, state } = fakeArgus();
    renderApp(<ChannelsAdmin />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add channel' }));
    type('Name', 'ops hook');
    type('URL', 'https://hooks.example.com/argus?token=abc');
    type('Signing secret', SECRET);
    fireEvent.click(screen.getByRole('button', { name: 'Create channel' }));
    await waitFor(() => expect(channelRows()[0]).toHaveTextContent('ops hook'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'ops hook',
      type: 'webhook',
      config: { url: 'https://hooks.example.com/argus?token=abc', secret: SECRET },
      enabled: true,
    });
    // The list shows the origin only (the URL is a credential) and no secret anywhere.
    const row = channelRows()[0] as HTMLElement;
    expect(row).toHaveTextContent('https://hooks.example.com');
    expect(document.body).not.toHaveTextContent('token=abc');
    expect(document.body).not.toHaveTextContent(SECRET);

    fireEvent.click(within(row).getByRole('button', { name: 'Send test to ops hook' }));
    await waitFor(() =>
      expect(within(row).getByRole('status')).toHaveTextContent('Test sent: the receiver answered 204'),
    );

    state.testResult = () => ({ ok: false, status: 'permanent', message: 'the receiver answered 410 Gone' });
    fireEvent.click(within(row).getByRole('button', { name: 'Send test to ops hook' }));
    await waitFor(() =>
      expect(within(row).getByRole('status')).toHaveTextContent('Test failed: the receiver answered 410 Gone'),
    );
  });

  it('edits without resending stored secrets, shows why a channel was disabled, and enables it again', async () => {
    const { calls, state } = fakeArgus({
      channels: [
        {
          id: 'ch1',
          name: 'mail',
          type: 'smtp',
          config: { host: 'smtp.example.com', port: 587, secure: false, require_tls: true, from: 'argus@example.com' },
          enabled: false,
          disabled_reason: 'the server refused the credentials (535)',
        },
      ],
      secrets: { ch1: { password: 'hunter2' } },
    });
    renderApp(<ChannelsAdmin />);
    await waitFor(() => expect(channelRows()[0]).toHaveTextContent('the server refused the credentials (535)'));
    expect(channelRows()[0]).toHaveTextContent('disabled');

    fireEvent.click(screen.getByRole('button', { name: 'Edit mail' }));
    const form = screen.getByRole('form', { name: 'Edit channel mail' });
    // Stored password: not shown, not required, an empty field keeps it.
    expect(within(form).getByLabelText('Password')).toHaveValue('');
    expect(within(form).getByLabelText('Password')).not.toBeRequired();
    expect(within(form).getByText(/Stored\. Leave empty to keep it/)).toBeInTheDocument();
    expect(within(form).getByLabelText('SMTP host')).toHaveValue('smtp.example.com');
    expect(within(form).getByLabelText('Type')).toBeDisabled();
    type('To', 'oncall@example.com');
    fireEvent.click(within(form).getByRole('button', { name: 'Save channel' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit channel mail' })).toBeNull());
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/api/notifications/channels/ch1');
    expect(put?.body).toMatchObject({
      name: 'mail',
      type: 'smtp',
      config: { host: 'smtp.example.com', port: 587, secure: false, require_tls: true, to: 'oncall@example.com' },
    });
    expect(put?.body).not.toHaveProperty('config.password');
    expect(state.secrets.ch1?.password).toBe('hunter2');

    fireEvent.click(within(channelRows()[0] as HTMLElement).getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(channelRows()[0]).toHaveTextContent('enabled'));
    expect(channelRows()[0]).not.toHaveTextContent('535');
    expect(calls.filter((c) => c.method === 'PUT').at(-1)?.body).toHaveProperty('enabled', true);
  });

  it('generates a Standard Webhooks secret on request, shown once to copy', async () => {
    const { calls } = fakeArgus();
    renderApp(<ChannelsAdmin />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add channel' }));
    expect(screen.getByLabelText('Signing secret')).toHaveAttribute('type', 'password');
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const secret = screen.getByLabelText('Signing secret') as HTMLInputElement;
    expect(secret).toHaveAttribute('type', 'text');
    const first = secret.value;
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(first.slice(6))).toHaveLength(32);
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const second = (screen.getByLabelText('Signing secret') as HTMLInputElement).value;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    type('Name', 'signed');
    type('URL', 'https://hooks.example.com/x');
    fireEvent.click(screen.getByRole('button', { name: 'Create channel' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toHaveProperty('config.secret', second);
  });

  it('shows the server’s refusal of a bad channel in words', async () => {
    fakeArgus({ channels: [{ id: 'ch1', name: 'dup', type: 'slack', config: {}, enabled: true }] });
    renderApp(<ChannelsAdmin />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add channel' }));
    type('Name', 'dup');
    type('Type', 'slack');
    type('Incoming webhook URL', 'https://hooks.slack.com/services/T/B/X');
    fireEvent.click(screen.getByRole('button', { name: 'Create channel' }));
    expect(await screen.findByText('Could not save the channel')).toBeInTheDocument();
    expect(screen.getByText(/name taken/)).toBeInTheDocument();
  });
});

describe('alert sources', () => {
  it('shows a new source’s token once, with the Alertmanager receiver to paste, and deletes a source', async () => {
    const { calls } = fakeArgus();
    const view = renderApp(<AlertSourcesAdmin />);
    await screen.findByText('Nothing yet.');
    expect(screen.queryByText('Loading…')).toBeNull();
    type('Name', 'prometheus-prod');
    fireEvent.click(screen.getByRole('button', { name: 'Add source' }));
    const token = await screen.findByTestId('alert-source-token');
    expect(token.textContent).toMatch(/^amtok_/);
    expect(screen.getByText(/credentials: amtok_/)).toHaveTextContent(
      `url: ${window.location.origin}/api/alerts/alertmanager`,
    );
    const rows = () =>
      within(screen.getByRole('table', { name: 'Alert sources' }))
        .getAllByRole('row')
        .slice(1);
    await waitFor(() => expect(rows()[0]).toHaveTextContent('prometheus-prod'));
    expect(rows()[0]).toHaveTextContent('amtok_sr…');

    // Shown once: the page opened again lists the source without its token.
    view.unmount();
    renderApp(<AlertSourcesAdmin />);
    await waitFor(() => expect(rows()[0]).toHaveTextContent('prometheus-prod'));
    expect(screen.queryByTestId('alert-source-token')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Delete prometheus-prod' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(rows()[0]).toHaveTextContent('Nothing yet.'));
    expect(calls.some((c) => c.method === 'DELETE' && c.path.startsWith('/api/alerts/sources/src'))).toBe(true);
  });
});

describe('notification preferences', () => {
  it('saves scope, severity, channels, digest and quiet hours in the API’s shape', async () => {
    const { calls, state } = fakeArgus({
      channels: [
        { id: 'ch1', name: 'ops hook', type: 'webhook', config: {}, enabled: true },
        { id: 'ch2', name: 'mail', type: 'smtp', config: {}, enabled: true },
      ],
      preferences: { min_severity: 'warning', channels: ['ch2'], mode: 'immediate', namespaces: ['shop'] },
    });
    renderApp(<PreferencesForm />);
    expect(await screen.findByLabelText('Namespaces')).toHaveValue('shop');
    expect(await screen.findByRole('checkbox', { name: /mail/ })).toBeChecked();
    type('Minimum severity', 'critical');
    fireEvent.click(screen.getByRole('checkbox', { name: /ops hook/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /mail/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Once a day (digest)' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'west' }));
    type('Namespaces', 'shop, payments');
    fireEvent.click(screen.getByRole('checkbox', { name: 'CrashLoopBackOff' }));
    type('Other types', 'alertmanager.KubePodCrashLooping');
    fireEvent.click(screen.getByRole('checkbox', { name: /Hold channel messages/ }));
    type('From', '23:00');
    type('Until', '06:30');
    type('Time zone', 'Europe/Berlin');
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Saved.');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      min_severity: 'critical',
      channels: ['ch1'],
      mode: 'digest',
      clusters: ['c2'],
      namespaces: ['shop', 'payments'],
      types: ['CrashLoopBackOff', 'alertmanager.KubePodCrashLooping'],
      quiet_hours: { start: '23:00', end: '06:30', time_zone: 'Europe/Berlin' },
    });
    expect(state.preferences.mode).toBe('digest');
  });

  it('a user below admin keeps their chosen channels although the channel list is not theirs to read', async () => {
    const { calls } = fakeArgus({
      admin: false,
      preferences: { min_severity: 'info', channels: ['ch9'], mode: 'immediate', quiet_hours: null },
    });
    renderApp(<PreferencesForm />);
    expect(await screen.findByRole('checkbox', { name: 'ch9' })).toBeChecked();
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Saved.');
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      channels: ['ch9'],
      clusters: null,
      namespaces: null,
      types: null,
      quiet_hours: null,
    });
  });
});
