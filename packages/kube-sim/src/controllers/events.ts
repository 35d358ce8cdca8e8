import type { KubeObject, ObjectStore } from '../store/types.js';
import { type Clock, rfc3339 } from './clock.js';
import { fnv32a } from './names.js';
import { EVENTS } from './refs.js';

export interface EventSource {
  component: string;
  host?: string;
}

export interface EventRecorder {
  /** Records (or counts again) an event about `involved`. Never throws. */
  record(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void;
}

/** Writes core/v1 Events, aggregating repeats (count, lastTimestamp) as the kubelet's recorder does. */
export function createEventRecorder(store: ObjectStore, clock: Clock): EventRecorder {
  const seen = new Map<string, { namespace: string; name: string }>();
  let sequence = 0;

  return {
    record(involved, type, reason, message, source, fieldPath) {
      const namespace = involved.metadata.namespace || 'default';
      const uid = involved.metadata.uid ?? '';
      const key = `${uid}|${type}|${reason}|${message}|${fieldPath ?? ''}`;
      const now = rfc3339(clock.now());
      try {
        const prior = seen.get(key);
        const existing = prior ? store.get(EVENTS, prior.namespace, prior.name) : undefined;
        if (existing) {
          const next = structuredClone(existing) as KubeObject & { count?: number };
          next.count = (typeof next.count === 'number' ? next.count : 1) + 1;
          next.lastTimestamp = now;
          delete next.metadata.resourceVersion;
          store.update(EVENTS, next);
          return;
        }
        const suffix = (fnv32a(`${key}#${sequence++}`).toString(16) + clock.now().toString(16)).slice(-16);
        const name = `${involved.metadata.name}.${suffix.padStart(16, '0')}`;
        const involvedObject: Record<string, unknown> = {
          kind: involved.kind,
          namespace: involved.metadata.namespace,
          name: involved.metadata.name,
          uid,
          apiVersion: involved.apiVersion,
          resourceVersion: involved.metadata.resourceVersion,
        };
        if (fieldPath) involvedObject.fieldPath = fieldPath;
        if (!involved.metadata.namespace) delete involvedObject.namespace;
        store.create(EVENTS, {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace },
          involvedObject,
          reason,
          message,
          source,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          type,
          eventTime: null,
          reportingComponent: source.component,
          reportingInstance: source.host ?? '',
        });
        seen.set(key, { namespace, name });
      } catch {
        // an event that cannot be written (namespace going away…) is dropped, as the real recorder does
      }
    },
  };
}
