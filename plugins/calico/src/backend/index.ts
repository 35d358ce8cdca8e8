/** The Calico plugin's backend (skeleton: filled in by issue 18). */
import { definePlugin, readManifest } from '@argus/plugin-sdk';

const manifest = readManifest(new URL('../../manifest.json', import.meta.url));

export default definePlugin({
  manifest,
  deps: [],
  registerRoutes() {},
});
