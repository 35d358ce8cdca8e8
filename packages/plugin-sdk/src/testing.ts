/**
 * `@argus/plugin-sdk/testing`: the plugin test kit — the real Argus server in process with a kube-sim
 * cluster, users with given grants and route calls (docs/plugins.md, "Testing a plugin"). It is the server's
 * own test support, re-exported here so that a plugin's tests import only the SDK; it is for tests only
 * (source-only export, not part of the SDK's build).
 */
export {
  type KitCallInit,
  type KitReply,
  type PluginTestKit,
  type PluginTestKitOptions,
  startPluginTestKit,
  type TestGrant,
  type TestUser,
  waitFor,
} from '../../../apps/server/src/test-support/plugin-test-kit.js';
