/** Builders of the compact OpenAPI v3 schemas kube-sim serves (builtin-schemas.ts, shared-schemas.ts). */
export type S = Record<string, unknown>;

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const CORE = 'io.k8s.api.core.v1';

export const str = (description: string): S => ({ type: 'string', description, default: '' });
export const int = (description: string): S => ({ type: 'integer', format: 'int32', description });
export const bool = (description: string): S => ({ type: 'boolean', description });
export const ref = (name: string, description: string): S => ({
  allOf: [{ $ref: `#/components/schemas/${name}` }],
  description,
  default: {},
});
export const map = (description: string): S => ({
  type: 'object',
  additionalProperties: { type: 'string', default: '' },
  description,
});
export const obj = (description: string, properties: S, required?: string[]): S => ({
  type: 'object',
  description,
  properties,
  ...(required ? { required } : {}),
});
export const list = (items: S, description: string, key?: string): S =>
  key
    ? {
        type: 'array',
        items,
        description,
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': [key],
        'x-kubernetes-patch-merge-key': key,
        'x-kubernetes-patch-strategy': 'merge',
      }
    : { type: 'array', items, description, 'x-kubernetes-list-type': 'atomic' };
export const refItems = (name: string): S => ({ allOf: [{ $ref: `#/components/schemas/${name}` }], default: {} });
export const free = (description: string): S => ({
  type: 'object',
  description,
  'x-kubernetes-preserve-unknown-fields': true,
});
export const int64 = (description: string): S => ({ type: 'integer', format: 'int64', description });
export const intOrString = (description: string): S => ({ 'x-kubernetes-int-or-string': true, description });
export const strings = (description: string): S => ({
  type: 'array',
  items: { type: 'string', default: '' },
  description,
  'x-kubernetes-list-type': 'atomic',
});
export const keyRef = (description: string): S =>
  obj(description, { name: str('Name of the referent.'), key: str('The key to select.'), optional: bool('optional') }, [
    'key',
  ]);
export const keyToPath = list(
  obj('Maps a string key to a path within a volume.', {
    key: str('key is the key to project.'),
    path: str('path is the relative path of the file to map the key to.'),
    mode: int('mode is Optional: mode bits used to set permissions on this file.'),
  }),
  'items: keys to project into the volume',
);
