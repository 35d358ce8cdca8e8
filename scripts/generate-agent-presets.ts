/**
 * Writes deploy/helm/argus-agent/presets.yaml (or the file given) from apps/server/src/grpc/agent-presets.ts,
 * the one definition of the agent's ClusterRole presets. Run from the repository root:
 *   node --conditions=@argus/source --import tsx scripts/generate-agent-presets.ts [OUT_FILE]
 * scripts/check-generated.mjs regenerates it into a temporary file and fails when the committed one differs.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentPresetsYaml } from '../apps/server/src/grpc/agent-presets.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'deploy', 'helm', 'argus-agent', 'presets.yaml');
writeFileSync(out, agentPresetsYaml());
process.stdout.write(`wrote ${out}\n`);
