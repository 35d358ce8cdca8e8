// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { filterCommands, StatusBadge } from '@argus/ui';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretData } from '@/components/SecretData';
import { can, namespacesAllowed, type PermissionsResponse } from '@/lib/permissions';
import { resolveSegment, resourceSegment } from '@/lib/resources';

afterEach(cleanup);

const viewer: PermissionsResponse = {
  user_id: 'u',
  is_admin: false,
  permissions: [
    { resource: 'resources', action: 'read', cluster_id: 'c1', namespace: 'team-a' },
    { resource: 'clusters', action: 'read', cluster_id: null, namespace: null },
  ],
};

describe('permissions', () => {
  it('follows the server: namespace grants cover only their namespace', () => {
    expect(can(viewer, 'resources', 'read', { clusterId: 'c1', namespace: 'team-a' })).toBe(true);
    expect(can(viewer, 'resources', 'read', { clusterId: 'c1', namespace: 'team-b' })).toBe(false);
    expect(can(viewer, 'resources', 'write', { clusterId: 'c1', namespace: 'team-a' })).toBe(false);
    expect(namespacesAllowed(viewer, 'c1')).toEqual(['team-a']);
    expect(can({ ...viewer, is_admin: true }, 'users', 'delete')).toBe(true);
  });
});

describe('resource segments', () => {
  const rs = [
    { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, verbs: ['list'] },
    { group: 'example.com', version: 'v1', resource: 'widgets', kind: 'Widget', namespaced: true, verbs: ['list'] },
  ];
  it('names custom resources group~version~plural', () => {
    expect(resourceSegment(rs[1]!)).toBe('example.com~v1~widgets');
    expect(resolveSegment(rs, 'example.com~v1~widgets')?.kind).toBe('Widget');
    expect(resolveSegment(rs, 'pods')?.kind).toBe('Pod');
  });
});

describe('components', () => {
  it('masks secrets until revealed', () => {
    render(<SecretData data={{ password: btoa('hunter2') }} canReveal />);
    expect(screen.getByTestId('secret-password')).not.toHaveTextContent('hunter2');
    fireEvent.click(screen.getByRole('button', { name: 'Reveal password' }));
    expect(screen.getByTestId('secret-password')).toHaveTextContent('hunter2');
  });

  it('offers no reveal to a user who may not', () => {
    render(<SecretData data={{ token: btoa('x') }} canReveal={false} />);
    expect(screen.queryByRole('button', { name: /Reveal/ })).toBeNull();
  });

  it('shows the keys and sizes of a Secret served without values (no secrets:read)', () => {
    render(
      <SecretData
        data={{}}
        dataKeys={[
          { key: 'password', size: 7 },
          { key: 'tls.crt', size: 1000 },
        ]}
        canReveal={false}
      />,
    );
    expect(screen.getByText('Values hidden: you need secrets:read.')).toBeInTheDocument();
    expect(screen.getByTestId('secret-password')).toHaveTextContent('7 bytes');
    expect(screen.getByTestId('secret-tls.crt')).toHaveTextContent('1000 bytes');
    expect(screen.queryByRole('button', { name: /Reveal/ })).toBeNull();
  });

  it('colours statuses', () => {
    render(<StatusBadge status="CrashLoopBackOff" />);
    expect(screen.getByText('CrashLoopBackOff').className).toContain('destructive');
  });

  it('filters palette commands by every word', () => {
    const items = ['Clusters overview', 'Users', 'Audit log'].map((label) => ({
      id: label,
      label,
      group: 'Pages',
      onSelect: () => {},
    }));
    expect(filterCommands(items, 'audit').map((i) => i.label)).toEqual(['Audit log']);
    expect(filterCommands(items, 'pages over').map((i) => i.label)).toEqual(['Clusters overview']);
  });
});
