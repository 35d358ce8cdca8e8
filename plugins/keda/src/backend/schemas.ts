/** The KEDA plugin's own routes: declared inputs and answers (beside the operator toolkit's). */
import { healthSchema } from '@argus/plugin-sdk';
import { z } from 'zod';

export const listQuery = z.object({
  namespace: z.string().optional().describe('One namespace (otherwise every namespace the caller may read)'),
  scaledobject: z
    .string()
    .max(253)
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a ScaledObject name')
    .optional()
    .describe('Only the HPA of this ScaledObject'),
});

export const hpaSchema = z.object({
  namespace: z.string(),
  scaledObject: z.string().describe('The ScaledObject KEDA made the HPA for (label scaledobject.keda.sh/name)'),
  name: z.string(),
  currentReplicas: z.number().int().nullable(),
  desiredReplicas: z.number().int().nullable(),
  minReplicas: z.number().int().nullable(),
  maxReplicas: z.number().int().nullable(),
  lastScaleTime: z.string().nullable(),
  conditions: z.array(
    z.object({ type: z.string(), status: z.string(), reason: z.string().nullable(), message: z.string().nullable() }),
  ),
});

export const hpaListSchema = z.object({ items: z.array(hpaSchema) });

export const authenticationCheckSchema = z.object({
  kind: z.enum(['TriggerAuthentication', 'ClusterTriggerAuthentication']),
  namespace: z.string().nullable(),
  name: z.string(),
  health: healthSchema,
  secrets: z.array(
    z.object({
      /** Where KEDA looks for it: the authentication's namespace, or KEDA's own for a cluster one. */
      namespace: z.string(),
      name: z.string(),
      keys: z.array(z.string()),
      found: z.boolean(),
      missingKeys: z.array(z.string()),
    }),
  ),
});

export const authenticationListSchema = z
  .object({ items: z.array(authenticationCheckSchema) })
  .describe('Trigger authentications with the Secrets they name (names and keys only, never values) checked');

export type HpaItem = z.infer<typeof hpaSchema>;
export type AuthenticationCheck = z.infer<typeof authenticationCheckSchema>;
