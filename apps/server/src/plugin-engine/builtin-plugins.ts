/** The plugins Argus ships with, registered at startup (each a workspace package under plugins/). */
import helm from '@argus/plugin-helm';
import prometheus from '@argus/plugin-prometheus';
import type { PluginDefinition } from '@argus/plugin-sdk';

export const BUILTIN_PLUGINS: readonly PluginDefinition[] = [helm, prometheus] as readonly PluginDefinition[];
