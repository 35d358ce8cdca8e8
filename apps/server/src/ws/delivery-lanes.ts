/**
 * Delivery lanes: the subscribers of one feed that share an RBAC scope (user, API-key scope, namespace,
 * permission) get each batch together — one permission check for the lane, then one synchronous loop over
 * its subscribers — instead of a promise chain and an await per subscriber per batch (with 1,000
 * subscribers of a busy feed, that was the hub's main cost after the socket writes). A lane runs its
 * batches one after another, so a batch never overtakes an earlier one for any of its subscribers; lanes
 * of other scopes do not wait for it.
 */
import type { FeedBatch } from './feed.js';

export interface LaneMember<A> {
  /** The lane's answer for a batch; asked of the batch's first member only. */
  check(): Promise<A>;
  /** Hands the batch over with the lane's answer (synchronously, in the lane's loop). */
  apply(batch: FeedBatch, answer: A): void;
  /** The check, or this member's apply, threw. */
  failed(err: unknown): void;
}

export interface Lanes<A> {
  /** Queues `batch` for `member` on lane `key`: after the lane's earlier batches, with one check per batch. */
  enqueue(key: string, batch: FeedBatch, member: LaneMember<A>): void;
  /** Lanes with batches queued or running. */
  size(): number;
}

interface Job<A> {
  batch: FeedBatch;
  members: LaneMember<A>[];
}

interface Lane<A> {
  tail: Promise<void>;
  /** The job still taking members (its batch is being handed out by the feed right now). */
  open: Job<A> | undefined;
  pending: number;
}

// A lane's promise chain must never reject: its later batches would be skipped.
function fail<A>(m: LaneMember<A>, err: unknown): void {
  try {
    m.failed(err);
  } catch {
    // Nothing more to tell that subscriber.
  }
}

export function createLanes<A>(): Lanes<A> {
  const lanes = new Map<string, Lane<A>>();

  async function run(key: string, lane: Lane<A>, job: Job<A>): Promise<void> {
    if (lane.open === job) lane.open = undefined;
    try {
      let answer: A;
      try {
        answer = await job.members[0]!.check();
      } catch (err) {
        for (const m of job.members) fail(m, err);
        return;
      }
      for (const m of job.members) {
        try {
          m.apply(job.batch, answer);
        } catch (err) {
          fail(m, err);
        }
      }
    } finally {
      // An idle lane goes: the next batch starts a new one (a lane is cheap; a map of stale ones is not).
      if (--lane.pending === 0 && lanes.get(key) === lane) lanes.delete(key);
    }
  }

  return {
    enqueue(key, batch, member) {
      let lane = lanes.get(key);
      if (lane === undefined) {
        lane = { tail: Promise.resolve(), open: undefined, pending: 0 };
        lanes.set(key, lane);
      }
      let job = lane.open;
      if (job === undefined || job.batch !== batch) {
        const l = lane;
        const j: Job<A> = { batch, members: [] };
        lane.open = j;
        lane.pending++;
        lane.tail = lane.tail.then(() => run(key, l, j));
        job = j;
      }
      job.members.push(member);
    },
    size: () => lanes.size,
  };
}
