/**
 * The plugin manifest: what a plugin is, what it may do and what it shows. The engine validates it at
 * startup (a bad manifest is refused with the plugin and the field named); `manifest.schema.json` is the
 * same schema as JSON Schema, generated from this file, for editors and tools outside TypeScript.
 */
import semver from 'semver';
import { z } from 'zod';

export const PLUGIN_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ACTION = /^[a-z][a-z-]{0,30}$/;
const ROUTE_PATH = /^\/(?:[a-z0-9._~-]+|:[a-zA-Z][a-zA-Z0-9]*)(?:\/(?:[a-z0-9._~-]+|:[a-zA-Z][a-zA-Z0-9]*))*$|^\/$/;

const semverVersion = z
  .string()
  .refine((v) => semver.valid(v) !== null, { message: 'must be a semantic version such as 1.2.3' });
const semverRange = z
  .string()
  .refine((v) => semver.validRange(v) !== null, { message: 'must be a semantic version range such as ^1.0.0' });

/** A permission the plugin adds to RBAC: `{plugin id}.{noun}` with its actions, granted by default to some built-in roles. */
export const pluginPermissionSchema = z.object({
  resource: z.string().regex(/^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/, 'must look like "<plugin id>.<noun>"'),
  actions: z.array(z.string().regex(ACTION, 'must be a lower-case word')).min(1),
  description: z.string().min(1).max(300),
  /** Built-in roles that get these actions at startup (admin has every permission already). */
  default_roles: z
    .object({
      operator: z.array(z.string().regex(ACTION)).optional(),
      viewer: z.array(z.string().regex(ACTION)).optional(),
    })
    .strict()
    .default({}),
});

/** A backend route, relative to `/api/plugins/{id}` (global) or `/api/plugins/{id}/clusters/{cluster}` (cluster). */
export const pluginRouteSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().regex(ROUTE_PATH, 'must be a path such as /releases/:namespace/:name'),
  scope: z.enum(['cluster', 'global']).default('cluster'),
  /** `{resource, action}`: one of the plugin's own permissions or a built-in one (e.g. resources:read). */
  permission: z.object({ resource: z.string().min(1), action: z.string().regex(ACTION) }).strict(),
  /**
   * Only for a mutation of a cluster route whose target namespace is not a `:namespace` path parameter (it is
   * in the body or `?namespace=`): true when the handler checks the permission in exactly that namespace
   * itself (`ctx.can(resource, action, { namespace })`); the engine then asks only for the permission
   * somewhere in the cluster. Otherwise such a mutation needs the permission on the whole cluster, and
   * `?namespace=` never lowers that.
   */
  checks_namespace: z.boolean().default(false),
  description: z.string().min(1).max(300),
});

/** A resource the plugin watches on every cluster where it is enabled. */
export const pluginWatcherSchema = z.object({
  id: z.string().regex(PLUGIN_ID),
  group: z.string(),
  version: z.string().min(1),
  resource: z.string().min(1),
  description: z.string().max(300).optional(),
});

/**
 * A resource the plugin needs on a cluster (usually one of its operator's CRDs): the plugin is offered,
 * listed and mounted only on clusters that serve every one of them (discovery, re-checked when CRDs change).
 */
export const pluginRequirementSchema = z
  .object({
    group: z.string().min(1),
    resource: z.string().min(1),
    /** Any served version when absent. */
    version: z.string().min(1).optional(),
  })
  .strict();

const permissionRef = z.object({ resource: z.string().min(1), action: z.string().regex(ACTION) }).strict();

/** An operator action (the operator toolkit's `POST …/resources/{plural}/{name}/actions/{id}`). */
export const pluginActionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'must be a kebab-case verb such as "backup-now"'),
    /** Checked by the toolkit in the object's namespace (403 without it). */
    permission: permissionRef,
    description: z.string().min(1).max(300),
  })
  .strict();

/** A kind the plugin serves through the operator toolkit (`GET …/resources/{resource}[/{name}]`). */
export const pluginKindSchema = z
  .object({
    group: z.string().min(1),
    resource: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be a plural resource name such as "clusters"'),
    actions: z.array(pluginActionSchema).default([]),
  })
  .strict();

/**
 * The operator toolkit's kinds and actions. The three toolkit routes (`GET /resources/:plural`,
 * `GET /resources/:plural/:name`, `POST /resources/:plural/:name/actions/:action`) are added to `routes`
 * with `permission` (reading the kinds; each action also needs its own permission in the object's namespace).
 */
export const pluginResourcesSchema = z
  .object({
    permission: permissionRef,
    kinds: z.array(pluginKindSchema).min(1),
  })
  .strict();

export const pluginPageSchema = z.object({
  id: z.string().regex(PLUGIN_ID),
  /** Relative to `/clusters/{cluster}/plugins/{id}` (cluster pages) or `/plugins/{id}` (global pages). */
  path: z.string().regex(ROUTE_PATH),
  title: z.string().min(1).max(80),
  scope: z.enum(['cluster', 'global']).default('cluster'),
});

export const pluginNavigationSchema = z.object({
  id: z.string().regex(PLUGIN_ID),
  title: z.string().min(1).max(60),
  /** The id of one of the plugin's pages. */
  page: z.string().regex(PLUGIN_ID),
  /** A lucide icon name (e.g. "ship-wheel"); the UI falls back to a generic icon. */
  icon: z.string().max(60).optional(),
  order: z.number().int().default(100),
});

export const pluginWidgetSchema = z.object({
  id: z.string().regex(PLUGIN_ID),
  title: z.string().min(1).max(80),
  /** Where it is drawn: a cluster's overview page. */
  placement: z.enum(['cluster-overview']).default('cluster-overview'),
  size: z.enum(['sm', 'md', 'lg']).default('md'),
});

/**
 * A tab the plugin adds to the web UI's generic detail page (`/clusters/{id}/{resource}/{namespace}/{name}`)
 * of one kind it owns, e.g. "PostgreSQL" on a CNPG `Cluster`. The frontend draws it with
 * `defineFrontend({ detailTabs: { [id]: () => import('./Tab') } })`, which gets the object, the cluster and
 * the plugin's API client as props (`PluginDetailTabProps`). Shown only on clusters where the plugin is
 * enabled (and available), after the built-in tabs; the tab is `?tab={plugin id}.{tab id}` in the URL.
 */
export const pluginDetailTabSchema = z
  .object({
    id: z.string().regex(PLUGIN_ID),
    title: z.string().min(1).max(40),
    /** The kind's API group: '' (or "core") for the core group, e.g. "postgresql.cnpg.io". */
    group: z.string(),
    /** The kind's plural resource name, e.g. "clusters". */
    resource: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be a plural resource name such as "clusters"'),
  })
  .strict();

/**
 * A service this plugin offers other plugins (built by `provides[service]` in definePlugin), e.g. the
 * Prometheus plugin's `prometheus` query service. Other plugins reach it only by naming it in `uses`.
 */
export const pluginProvidedServiceSchema = z
  .object({
    service: z.string().regex(PLUGIN_ID, 'must be lower-case letters, digits and dashes'),
    description: z.string().min(1).max(300),
  })
  .strict();

/**
 * Another plugin's service this plugin uses (`deps.plugins.get(...)`): the engine hands out only declared
 * ones, and answers "absent", "disabled" or "unavailable" when the provider is missing or off on a cluster.
 */
export const pluginUsedServiceSchema = z
  .object({
    plugin: z.string().regex(PLUGIN_ID, 'must be a plugin id'),
    service: z.string().regex(PLUGIN_ID, 'must be lower-case letters, digits and dashes'),
    description: z.string().max(300).optional(),
  })
  .strict();

export const pluginManifestSchema = z
  .object({
    id: z.string().regex(PLUGIN_ID, 'must be lower-case letters, digits and dashes (at most 63)'),
    name: z.string().min(1).max(80),
    version: semverVersion,
    description: z.string().max(500).default(''),
    /** The SDK versions the plugin works with, e.g. "^1.0.0". */
    sdk: semverRange,
    /** Whether a cluster without a plugin_config row has the plugin enabled. */
    enabled_by_default: z.boolean().default(true),
    permissions: z.array(pluginPermissionSchema).default([]),
    routes: z.array(pluginRouteSchema).default([]),
    watchers: z.array(pluginWatcherSchema).default([]),
    /** The resources the plugin needs on a cluster; without them it is not `available` there. */
    requires: z.array(pluginRequirementSchema).default([]),
    /** The operator toolkit's kinds and actions (adds the toolkit's routes). */
    resources: pluginResourcesSchema.optional(),
    navigation: z.array(pluginNavigationSchema).default([]),
    pages: z.array(pluginPageSchema).default([]),
    widgets: z.array(pluginWidgetSchema).default([]),
    /** Tabs on the generic detail page of the plugin's kinds (see `pluginDetailTabSchema`). */
    detail_tabs: z.array(pluginDetailTabSchema).default([]),
    /** JSON Schema of the per-cluster configuration (`plugin_config.config`), for forms and documentation. */
    config_schema: z.record(z.string(), z.unknown()).optional(),
    /** Services this plugin offers other plugins (see `pluginProvidedServiceSchema`). */
    provides: z.array(pluginProvidedServiceSchema).default([]),
    /** Other plugins' services this plugin uses (see `pluginUsedServiceSchema`). */
    uses: z.array(pluginUsedServiceSchema).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    const dup = (list: readonly { id: string }[], field: string) => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: [field, i, 'id'], message: `duplicate id "${x.id}"` });
        seen.add(x.id);
      });
    };
    dup(m.watchers, 'watchers');
    dup(m.pages, 'pages');
    dup(m.navigation, 'navigation');
    dup(m.widgets, 'widgets');
    dup(m.detail_tabs, 'detail_tabs');
    const offered = new Set<string>();
    m.provides.forEach((p, i) => {
      if (offered.has(p.service))
        ctx.addIssue({ code: 'custom', path: ['provides', i, 'service'], message: `duplicate service "${p.service}"` });
      offered.add(p.service);
    });
    const used = new Set<string>();
    m.uses.forEach((u, i) => {
      const key = `${u.plugin}/${u.service}`;
      if (used.has(key)) ctx.addIssue({ code: 'custom', path: ['uses', i], message: `duplicate use of ${key}` });
      if (u.plugin === m.id)
        ctx.addIssue({
          code: 'custom',
          path: ['uses', i, 'plugin'],
          message: 'a plugin does not use its own services',
        });
      used.add(key);
    });
    const own = new Map(m.permissions.map((p) => [p.resource, new Set(p.actions)]));
    m.permissions.forEach((p, i) => {
      if (!p.resource.startsWith(`${m.id}.`))
        ctx.addIssue({ code: 'custom', path: ['permissions', i, 'resource'], message: `must start with "${m.id}."` });
      for (const [role, actions] of Object.entries(p.default_roles))
        for (const a of actions ?? [])
          if (!p.actions.includes(a))
            ctx.addIssue({
              code: 'custom',
              path: ['permissions', i, 'default_roles', role],
              message: `"${a}" is not one of this permission's actions`,
            });
    });
    const routes = new Set<string>();
    m.routes.forEach((r, i) => {
      const key = `${r.scope} ${r.method} ${r.path}`;
      if (routes.has(key))
        ctx.addIssue({ code: 'custom', path: ['routes', i, 'path'], message: `duplicate route ${key}` });
      routes.add(key);
      const { resource, action } = r.permission;
      if (resource.includes('.') && !own.get(resource)?.has(action))
        ctx.addIssue({
          code: 'custom',
          path: ['routes', i, 'permission'],
          message: `${resource}:${action} is not declared in permissions`,
        });
    });
    const declared = (p: { resource: string; action: string }) =>
      !p.resource.includes('.') || own.get(p.resource)?.has(p.action);
    if (m.resources && !declared(m.resources.permission))
      ctx.addIssue({
        code: 'custom',
        path: ['resources', 'permission'],
        message: `${m.resources.permission.resource}:${m.resources.permission.action} is not declared in permissions`,
      });
    const plurals = new Set<string>();
    m.resources?.kinds.forEach((k, i) => {
      if (plurals.has(k.resource))
        ctx.addIssue({
          code: 'custom',
          path: ['resources', 'kinds', i, 'resource'],
          message: `duplicate kind "${k.resource}"`,
        });
      plurals.add(k.resource);
      const ids = new Set<string>();
      k.actions.forEach((a, j) => {
        const at = ['resources', 'kinds', i, 'actions', j];
        if (ids.has(a.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `duplicate action "${a.id}"` });
        ids.add(a.id);
        if (!declared(a.permission))
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'permission'],
            message: `${a.permission.resource}:${a.permission.action} is not declared in permissions`,
          });
      });
    });
    if (m.resources)
      for (const r of operatorRouteSpecs(m.resources.permission))
        if (routes.has(`cluster ${r.method} ${r.path}`))
          ctx.addIssue({
            code: 'custom',
            path: ['routes'],
            message: `route ${r.method} ${r.path} is the operator toolkit's (declared by "resources"): remove it`,
          });
    const pages = new Set(m.pages.map((p) => p.id));
    m.navigation.forEach((n, i) => {
      if (!pages.has(n.page))
        ctx.addIssue({ code: 'custom', path: ['navigation', i, 'page'], message: `no page with id "${n.page}"` });
    });
  });

export type PluginManifestInput = z.input<typeof pluginManifestSchema>;
export type PluginManifest = z.output<typeof pluginManifestSchema>;
export type PluginRouteSpec = PluginManifest['routes'][number];
export type PluginPermissionSpec = PluginManifest['permissions'][number];
export type PluginWatcherSpec = PluginManifest['watchers'][number];
export type PluginDetailTabSpec = PluginManifest['detail_tabs'][number];
export type PluginRequirement = PluginManifest['requires'][number];
export type PluginResourcesSpec = NonNullable<PluginManifest['resources']>;
export type PluginKindSpec = PluginResourcesSpec['kinds'][number];
export type PluginActionSpec = PluginKindSpec['actions'][number];
export type PluginUsedServiceSpec = PluginManifest['uses'][number];
export type PluginProvidedServiceSpec = PluginManifest['provides'][number];

/** The operator toolkit's routes, as the manifest's `resources` declares them (scope cluster). */
export const OPERATOR_ROUTE_PATHS = {
  list: '/resources/:plural',
  get: '/resources/:plural/:name',
  action: '/resources/:plural/:name/actions/:action',
} as const;

export function operatorRouteSpecs(permission: { resource: string; action: string }) {
  return [
    {
      method: 'GET' as const,
      path: OPERATOR_ROUTE_PATHS.list,
      scope: 'cluster' as const,
      permission,
      checks_namespace: false,
      description: "The plugin's objects of one kind with their health (namespaces the caller may read)",
    },
    {
      method: 'GET' as const,
      path: OPERATOR_ROUTE_PATHS.get,
      scope: 'cluster' as const,
      permission,
      checks_namespace: false,
      description: 'One object of a kind with its health and the actions the caller may run on it',
    },
    {
      method: 'POST' as const,
      path: OPERATOR_ROUTE_PATHS.action,
      scope: 'cluster' as const,
      permission,
      // The toolkit checks the action's own permission in the object's namespace.
      checks_namespace: true,
      description: "Runs one of the kind's actions on the object, as the caller (through the kubectl gateway)",
    },
  ];
}

/** The SDK's own version: a plugin's `sdk` range must include it. */
export const SDK_VERSION = '1.0.0';

/** Human-readable problems of a manifest, each naming the plugin and the field. */
export function manifestProblems(input: unknown): string[] {
  const res = pluginManifestSchema.safeParse(input);
  if (res.success) {
    return semver.satisfies(SDK_VERSION, res.data.sdk)
      ? []
      : [`plugin "${res.data.id}": sdk: "${res.data.sdk}" does not include the engine's SDK ${SDK_VERSION}`];
  }
  const id =
    typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string'
      ? (input as { id: string }).id
      : '(no id)';
  return res.error.issues.map((i) => `plugin "${id}": ${formatPath(i.path)}: ${i.message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(manifest)';
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    '',
  );
}

/** Validates a manifest, throwing one Error listing every problem. */
export function parseManifest(input: unknown): PluginManifest {
  const problems = manifestProblems(input);
  if (problems.length > 0) throw new Error(`invalid plugin manifest:\n  ${problems.join('\n  ')}`);
  const manifest = pluginManifestSchema.parse(input);
  // `resources` declares the operator toolkit's routes: the engine mounts and checks them like any other.
  if (manifest.resources) manifest.routes.push(...operatorRouteSpecs(manifest.resources.permission));
  return manifest;
}
