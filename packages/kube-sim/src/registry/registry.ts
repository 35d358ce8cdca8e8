/** The set of served resources: built-ins plus whatever CRDs add. */
import { builtinResources, GROUP_ORDER } from './builtins.js';
import type { GroupVersion, ResourceDef, ResourceRegistry } from './types.js';

const key = (g: string, v: string, r: string): string => `${g}/${v}/${r}`;

export function createResourceRegistry(opts: { builtins?: boolean } = {}): ResourceRegistry {
  const defs = new Map<string, ResourceDef>();
  const schemas = new Map<string, Record<string, unknown>>();
  let gen = 0;
  for (const d of opts.builtins === false ? [] : builtinResources()) defs.set(key(d.group, d.version, d.resource), d);

  function groupRank(g: string): number {
    const i = GROUP_ORDER.indexOf(g);
    return i < 0 ? GROUP_ORDER.length : i;
  }

  const registry: ResourceRegistry = {
    all: () => [...defs.values()],
    find: (g, v, r) => defs.get(key(g, v, r)),
    byKind(g, kind) {
      for (const d of defs.values()) if (d.group === g && d.kind === kind) return d;
      return undefined;
    },
    groupVersions() {
      const seen = new Map<string, GroupVersion>();
      for (const d of defs.values()) seen.set(`${d.group}/${d.version}`, { group: d.group, version: d.version });
      return [...seen.values()].sort(
        (a, b) => groupRank(a.group) - groupRank(b.group) || a.group.localeCompare(b.group),
      );
    },
    groups() {
      const out: Array<{ name: string; versions: string[] }> = [];
      for (const gv of registry.groupVersions()) {
        const g = out.find((x) => x.name === gv.group);
        if (g) {
          if (!g.versions.includes(gv.version)) g.versions.push(gv.version);
        } else out.push({ name: gv.group, versions: [gv.version] });
      }
      return out;
    },
    add(def) {
      defs.set(key(def.group, def.version, def.resource), def);
      gen++;
    },
    remove(g, v, r) {
      defs.delete(key(g, v, r));
      gen++;
    },
    generation: () => gen,
    schemas: () => schemas,
    setSchema(name, schema) {
      schemas.set(name, schema);
      gen++;
    },
    deleteSchema(name) {
      schemas.delete(name);
      gen++;
    },
  };
  return registry;
}
