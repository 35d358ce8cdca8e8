/** The operator toolkit routes' declared inputs and answers (they appear in the OpenAPI document). */
import { z } from 'zod';
import { healthSchema } from './health.js';

const name = z.string().min(1).max(253);

export const kindParams = z.object({ plural: name.describe('The kind, by its plural resource name') });
export const objectParams = kindParams.extend({ name: name.describe("The object's name") });
export const actionParams = objectParams.extend({ action: name.describe('The action id (kebab-case)') });

export const namespaceQuery = z.object({
  namespace: z.string().optional().describe('The namespace (required for namespaced kinds by the object routes)'),
});

export const actionBody = z
  .object({ params: z.record(z.string(), z.unknown()).optional().describe("The action's parameters") })
  .describe("An action's parameters (its own schema validates them)");

const objectShape = {
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
  health: healthSchema,
  summary: z.record(z.string(), z.unknown()).optional().describe("The plugin's projection for tables"),
};

export const operatorItemSchema = z
  .looseObject(objectShape)
  .describe('The object as the cluster has it, with its health');

export const operatorListSchema = z.object({ items: z.array(operatorItemSchema) });

export const actionInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  /** Whether the caller holds the action's permission in the object's namespace. */
  allowed: z.boolean(),
  /** Whether the object's state allows it now (`reason` says why not). */
  available: z.boolean(),
  reason: z.string().nullable(),
  /** The confirmation to ask first, for actions that affect availability. */
  confirm: z.string().nullable(),
  /** JSON Schema of the action's params (null: it takes none). */
  params_schema: z.record(z.string(), z.unknown()).nullable(),
});

export const operatorDetailSchema = z
  .looseObject({ ...objectShape, actions: z.array(actionInfoSchema) })
  .describe('One object with its health and the actions on it');

export const actionResultSchema = z.object({
  result: z.unknown().describe('What the action did: the patched or created object, or a custom result'),
});

export type OperatorItem = z.infer<typeof operatorItemSchema>;
export type OperatorDetail = z.infer<typeof operatorDetailSchema>;
export type OperatorActionInfo = z.infer<typeof actionInfoSchema>;
