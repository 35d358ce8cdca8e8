/** The tools the admin's `tool_permission_level` allows, as the providers see them (JSON Schema parameters). */
import type { ToolPermissionLevel } from '@argus/contracts';
import { z } from 'zod';
import type { ToolSpec } from '../providers/types.js';
import { diagnose } from './diagnose.js';
import { READ_TOOLS } from './read-tools.js';
import type { Tool, ToolDeps } from './types.js';
import { WRITE_TOOLS } from './write-tools.js';

export interface Toolbox {
  /** The tools offered to the model at this level. */
  specs(level: ToolPermissionLevel): ToolSpec[];
  get(name: string): Tool | undefined;
  deps: ToolDeps;
}

export function createToolbox(deps: ToolDeps): Toolbox {
  const all: Tool[] = [
    ...READ_TOOLS.filter((t) => t.name !== 'search_knowledge' || deps.retrieval),
    diagnose as unknown as Tool,
    ...WRITE_TOOLS,
  ];
  const byName = new Map(all.map((t) => [t.name, t]));
  const spec = (t: Tool): ToolSpec => {
    const schema = z.toJSONSchema(t.schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    delete schema.$schema;
    return { name: t.name, description: t.description, parameters: schema };
  };
  const specs = new Map(all.map((t) => [t.name, spec(t)]));
  return {
    deps,
    get: (name) => byName.get(name),
    specs(level) {
      if (level === 'disabled') return [];
      return all.filter((t) => level === 'all' || t.kind === 'read').map((t) => specs.get(t.name)!);
    },
  };
}
