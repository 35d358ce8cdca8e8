'use client';
import { stringify } from 'yaml';
import { cn } from './cn';
import { YamlEditor } from './YamlEditor';

/**
 * An object as a person reads and edits it: without `metadata.managedFields`, and without what Argus adds
 * to the objects it serves (`cluster` on cross-cluster lists, `health` from operator plugins).
 */
export function objectYaml(object: unknown): string {
  if (object === null || typeof object !== 'object' || Array.isArray(object))
    return stringify(object ?? null, { lineWidth: 0 });
  const { cluster: _c, health: _h, metadata, ...rest } = object as Record<string, unknown>;
  if (metadata && typeof metadata === 'object') {
    const { managedFields: _m, ...meta } = metadata as Record<string, unknown>;
    return stringify({ ...rest, metadata: meta }, { lineWidth: 0 });
  }
  return stringify(rest, { lineWidth: 0 });
}

/** Read-only YAML (CodeMirror, highlighted, searchable) of an object, or of a YAML text as is. */
export function YamlView({
  value,
  label = 'YAML',
  className,
}: {
  /** A string is shown as is; anything else is written with `objectYaml`. */
  value: unknown;
  label?: string;
  /** Sizes the view (default: at least 20rem, up to 70% of the window's height). */
  className?: string;
}) {
  const text = typeof value === 'string' ? value : objectYaml(value);
  return (
    <div className={cn('h-[70vh] min-h-80', className)}>
      <YamlEditor value={text} readOnly label={label} />
    </div>
  );
}
