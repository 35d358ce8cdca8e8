import type { IncomingMessage, ServerResponse } from 'node:http';
import { findContainerStatus, type PodGetter, type PodShape, resolveContainerName } from '../exec/pod-shape.js';
import { badRequest, podNotFound, toStatusError } from '../exec/status.js';
import type { PodLogHandler, PodTarget } from '../server/subresource-handlers.js';
import { type LogOptions, parseLogOptions } from './log-options.js';
import { type ContainerInstance, currentInstance, linesBetween, previousInstance, renderLines } from './log-series.js';

export interface LogHandlerOptions {
  getPod: PodGetter;
  /** epoch ms; the simulation clock */
  now?: () => number;
  /** how often a follow stream looks for new lines (real time); default 1000 */
  followIntervalMs?: number;
  /** most lines a request returns without tailLines; default 1000 */
  maxLines?: number;
}

export interface LogPlan {
  pod: PodShape;
  container: string;
  instance: ContainerInstance;
  options: LogOptions;
}

/** Checks a log request as the API server and kubelet do; throws a StoreError. */
export function planLogs(pod: PodShape | undefined, name: string, options: LogOptions): LogPlan {
  if (!pod) throw podNotFound(name);
  const resolved = resolveContainerName(pod, options.container);
  if ('error' in resolved) throw badRequest(resolved.error);
  const container = resolved.name;
  const status = findContainerStatus(pod, container);
  if (options.previous) {
    const previous = previousInstance(pod, container);
    if (!previous) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    return { pod, container, instance: previous, options };
  }
  const current = currentInstance(pod, container);
  if (!current) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`);
  }
  return { pod, container, instance: current, options };
}

function lowerBound(options: LogOptions, now: number): number {
  if (options.sinceSeconds !== undefined) return now - options.sinceSeconds * 1000;
  if (options.sinceTime !== undefined) return options.sinceTime - 1;
  return Number.NEGATIVE_INFINITY;
}

/** The log text a non-following request returns. */
export function renderLogs(plan: LogPlan, now: number, maxLines = 1000): string {
  const { instance, options } = plan;
  const to = instance.end ?? now;
  const lines = linesBetween(instance, lowerBound(options, now), to, options.tailLines, maxLines);
  const text = renderLines(lines, options.timestamps);
  if (options.limitBytes !== undefined) return Buffer.from(text).subarray(0, options.limitBytes).toString('utf8');
  return text;
}

/** Reads the logs of a pod in one call (for in-process users such as the Argus server's tests). */
export function readPodLogs(pod: PodShape | undefined, name: string, query: URLSearchParams, now: number): string {
  return renderLogs(planLogs(pod, name, parseLogOptions(query)), now);
}

function sendError(res: ServerResponse, err: unknown): void {
  const error = toStatusError(err);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(error.code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(error.toStatus()));
}

export function createLogHandler(handlerOptions: LogHandlerOptions): PodLogHandler {
  const now = handlerOptions.now ?? Date.now;
  const interval = handlerOptions.followIntervalMs ?? 1000;
  const maxLines = handlerOptions.maxLines ?? 1000;
  const streams = new Set<() => void>();

  const follow = (res: ServerResponse, target: PodTarget, plan: LogPlan): void => {
    const { instance, options } = plan;
    let cursor = instance.end ?? now();
    let budget = options.limitBytes ?? Number.POSITIVE_INFINITY;
    const lines = linesBetween(instance, lowerBound(options, cursor), cursor, options.tailLines, maxLines);
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();

    let timer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (timer) clearInterval(timer);
      timer = undefined;
      streams.delete(stop);
      if (!res.writableEnded) res.end();
    };
    const write = (text: string): void => {
      if (text === '' || res.writableEnded) return;
      const bytes = Buffer.from(text);
      if (bytes.length >= budget) {
        res.write(bytes.subarray(0, budget));
        budget = 0;
        stop();
        return;
      }
      budget -= bytes.length;
      res.write(bytes);
    };
    streams.add(stop);
    res.on('close', stop);
    write(renderLines(lines, options.timestamps));
    if (instance.end !== undefined || res.writableEnded) {
      stop();
      return;
    }

    const uid = plan.pod.metadata.uid;
    const tick = async (): Promise<void> => {
      let pod: PodShape | undefined;
      try {
        pod = await handlerOptions.getPod(target.namespace, target.name);
      } catch {
        pod = undefined;
      }
      if (!timer) return;
      const latest = pod && pod.metadata.uid === uid ? currentInstance(pod, plan.container) : undefined;
      const sameRun = latest !== undefined && latest.start === instance.start && latest.seed === instance.seed;
      // the container ended (or restarted, or the pod went away): write what it wrote up to then
      const end = sameRun ? latest.end : (latest?.start ?? now()) - 1;
      const to = end ?? now();
      const fresh: ContainerInstance = sameRun ? latest : { ...instance, ...(end !== undefined ? { end } : {}) };
      if (to > cursor) write(renderLines(linesBetween(fresh, cursor, to, undefined, maxLines), options.timestamps));
      cursor = Math.max(cursor, to);
      if (end !== undefined || !pod || pod.metadata.deletionTimestamp) stop();
    };
    timer = setInterval(() => void tick(), interval);
  };

  return {
    async handleRequest(_req: IncomingMessage, res: ServerResponse, target: PodTarget): Promise<void> {
      let plan: LogPlan;
      try {
        const options = parseLogOptions(target.query);
        plan = planLogs(await handlerOptions.getPod(target.namespace, target.name), target.name, options);
      } catch (err) {
        sendError(res, err);
        return;
      }
      if (plan.options.follow) {
        follow(res, target, plan);
        return;
      }
      const body = renderLogs(plan, now(), maxLines);
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    },
    close(): void {
      for (const stop of [...streams]) stop();
    },
  };
}
