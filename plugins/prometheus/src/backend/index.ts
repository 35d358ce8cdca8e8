import { definePlugin, readManifest } from '@argus/plugin-sdk';

export default definePlugin({
  manifest: readManifest(new URL('../../manifest.json', import.meta.url)),
  deps: ['logger'],
});
