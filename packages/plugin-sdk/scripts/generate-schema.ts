/** Writes manifest.schema.json (JSON Schema of the plugin manifest) from the zod schema: generated, never edited. */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { pluginManifestSchema } from '../src/manifest.js';

const out = process.argv[2] ?? 'manifest.schema.json';
const schema = z.toJSONSchema(pluginManifestSchema, { io: 'input', unrepresentable: 'any' });
const doc = { $id: 'https://argus.dev/schemas/plugin-manifest.json', title: 'Argus plugin manifest', ...schema };
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
