import { findContainer, findContainerStatus, type PodShape } from '../exec/pod-shape.js';
import { flavourFor, type LineContext, type LogFlavour } from './flavours.js';
import { createDraw, hashString } from './hash.js';

/** One run of a container: the lines it wrote are a pure function of this and of time. */
export interface ContainerInstance {
  /** epoch ms the instance started */
  start: number;
  /** epoch ms it ended (terminated), undefined while running */
  end?: number;
  /** it ended with a non-zero exit code: it writes its last words */
  crashed: boolean;
  seed: number;
  flavour: LogFlavour;
  base: Omit<LineContext, 'time' | 'draw'>;
}

export interface LogLine {
  /** epoch ms (integer) */
  time: number;
  /** 6 extra digits after the milliseconds, for RFC3339Nano timestamps */
  nanos: number;
  text: string;
}

/** Mean spacing of a running container's steady lines ("a line every ~1 s"). */
export const LINE_INTERVAL_MS = 1000;

const parseTime = (value: string | undefined): number | undefined => {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
};

function instanceFor(pod: PodShape, container: string, restart: number, start: number, end?: number, exit?: number) {
  const image = findContainer(pod, container)?.image;
  const uid = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
  const instance: ContainerInstance = {
    start,
    crashed: end !== undefined && (exit ?? 0) !== 0,
    seed: hashString(`${uid}/${container}/${restart}`),
    flavour: flavourFor(image),
    base: {
      pod: pod.metadata.name ?? '',
      container,
      namespace: pod.metadata.namespace ?? 'default',
      podIP: pod.status?.podIP ?? '',
    },
  };
  if (end !== undefined) instance.end = Math.max(end, start);
  return instance;
}

/** The running (or last terminated) instance; undefined when the container has not started. */
export function currentInstance(pod: PodShape, container: string): ContainerInstance | undefined {
  const status = findContainerStatus(pod, container);
  const restart = status?.restartCount ?? 0;
  const running = status?.state?.running;
  const fallback = parseTime(pod.status?.startTime) ?? parseTime(pod.metadata.creationTimestamp) ?? 0;
  if (running) return instanceFor(pod, container, restart, parseTime(running.startedAt) ?? fallback);
  const done = status?.state?.terminated;
  if (done) {
    const end = parseTime(done.finishedAt) ?? fallback;
    return instanceFor(pod, container, restart, parseTime(done.startedAt) ?? end, end, done.exitCode);
  }
  return undefined;
}

/** The instance before the last restart; undefined when there was none. */
export function previousInstance(pod: PodShape, container: string): ContainerInstance | undefined {
  const status = findContainerStatus(pod, container);
  const last = status?.lastState?.terminated;
  const restart = status?.restartCount ?? 0;
  if (!last || restart === 0) return undefined;
  const end = parseTime(last.finishedAt) ?? parseTime(status?.state?.running?.startedAt) ?? 0;
  const start = parseTime(last.startedAt) ?? end - 60_000;
  return instanceFor(pod, container, restart - 1, start, end, last.exitCode ?? 1);
}

const steadyTime = (inst: ContainerInstance, k: number): number => {
  const jitter = Math.floor(createDraw(inst.seed, k).float() * 0.9 * LINE_INTERVAL_MS);
  return inst.start + (k + 1) * LINE_INTERVAL_MS + jitter;
};

/**
 * Lines with from < time <= to, oldest first. With `tail`, only the last `tail` of them;
 * without, at most `cap` (the newest).
 */
export function linesBetween(inst: ContainerInstance, from: number, to: number, tail?: number, cap = 1000): LogLine[] {
  const limit = Math.min(tail ?? cap, cap);
  if (limit <= 0) return [];
  const upper = inst.end !== undefined ? Math.min(to, inst.end) : to;
  const ctx = (time: number, index: number): LineContext => ({
    ...inst.base,
    time,
    draw: createDraw(inst.seed, index),
  });
  const line = (time: number, index: number, text: string): LogLine => ({
    time,
    nanos: createDraw(inst.seed ^ 0x5bd1e995, index).int(0, 999_999),
    text,
  });

  const tailLines: LogLine[] = [];
  if (inst.end !== undefined && inst.crashed) {
    const words = inst.flavour.crash(ctx(inst.end - 2, -2));
    words.forEach((text, i) => {
      const time = inst.end! - words.length + i;
      if (time > from && time <= upper) tailLines.push(line(time, -2 - i, text));
    });
  }

  // Steady lines k = 0… sit in [start + (k+1)·I, start + (k+2)·I).
  const steady: LogLine[] = [];
  let kHi = Math.floor((upper - inst.start) / LINE_INTERVAL_MS) - 1;
  while (kHi >= 0 && steadyTime(inst, kHi) > upper) kHi--;
  let kLo = Math.max(0, Math.floor((from - inst.start) / LINE_INTERVAL_MS) - 2);
  while (kLo <= kHi && steadyTime(inst, kLo) <= from) kLo++;
  // the crash lines are stamped in the last milliseconds: steady lines may not pass them
  while (kHi >= kLo && tailLines.length > 0 && steadyTime(inst, kHi) >= tailLines[0]!.time) kHi--;
  kLo = Math.max(kLo, kHi - (limit - tailLines.length) + 1);
  for (let k = kLo; k <= kHi; k++) {
    const time = steadyTime(inst, k);
    steady.push(line(time, k, inst.flavour.line(ctx(time, k))));
  }

  const startup: LogLine[] = [];
  inst.flavour.startup(ctx(inst.start, -1)).forEach((text, i) => {
    const time = inst.start + i * 3;
    if (time > from && time <= upper) startup.push(line(time, -100 - i, text));
  });

  const all = [...startup, ...steady, ...tailLines];
  return all.slice(Math.max(0, all.length - limit));
}

/** RFC3339Nano as the kubelet prints it (trailing zeros of the fraction trimmed). */
export function formatTimestamp(line: Pick<LogLine, 'time' | 'nanos'>): string {
  const iso = new Date(line.time).toISOString();
  const fraction = `${iso.slice(20, 23)}${String(line.nanos).padStart(6, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

export function renderLines(lines: LogLine[], timestamps: boolean): string {
  let out = '';
  for (const l of lines) out += timestamps ? `${formatTimestamp(l)} ${l.text}\n` : `${l.text}\n`;
  return out;
}
