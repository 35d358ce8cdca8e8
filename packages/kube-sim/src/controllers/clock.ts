/** Time for the controllers: injectable so tests run fast and deterministically. */
export interface Clock {
  /** epoch milliseconds */
  now(): number;
}

export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export function createManualClock(start: number | string | Date = '2025-01-01T00:00:00Z'): ManualClock {
  let t = typeof start === 'number' ? start : new Date(start).getTime();
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

/** RFC 3339 with seconds precision, as the API server writes metav1.Time. */
export function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** metav1.MicroTime (events' eventTime). */
export function microTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}
