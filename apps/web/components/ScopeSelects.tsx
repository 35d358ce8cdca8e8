'use client';
import { Label } from '@argus/ui';

const SELECT = 'h-9 w-full min-w-0 rounded-md border bg-transparent px-2 text-sm';

interface SelectProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** A role picked by name (role assignments, SSO group mappings). */
export function RoleSelect(props: SelectProps & { roles: { id: string; name: string }[]; none?: string }) {
  return (
    <div className="grid min-w-0 gap-1">
      <Label htmlFor={props.id}>{props.label}</Label>
      <select id={props.id} className={SELECT} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.none !== undefined && <option value="">{props.none}</option>}
        {props.roles.map((r) => (
          <option key={r.id} value={r.name}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A cluster picked by name, or all clusters (""). */
export function ClusterSelect(props: SelectProps & { clusters: { id: string; name: string }[] }) {
  return (
    <div className="grid min-w-0 gap-1">
      <Label htmlFor={props.id}>{props.label}</Label>
      <select id={props.id} className={SELECT} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">All clusters</option>
        {props.clusters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
