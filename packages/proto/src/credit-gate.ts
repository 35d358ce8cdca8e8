/**
 * Send-side flow control for one stream direction: the peer's window. take() waits until the peer has
 * granted credit (WindowUpdate), so a sender never has more than the window unacknowledged.
 */
export class CreditGate {
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private failed: Error | undefined;
  private closed = false;

  constructor(private credit: number) {}

  get available(): number {
    return this.credit;
  }

  grant(bytes: number): void {
    this.credit += bytes;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.resolve();
  }

  /** Takes exactly `bytes` of credit at once when there is that much (and the gate is open); else takes nothing. */
  tryTake(bytes: number): boolean {
    if (this.closed || this.failed || this.credit < bytes) return false;
    this.credit -= bytes;
    return true;
  }

  /** Up to max bytes of credit, waiting for some when there is none; rejects once failed. */
  async take(max: number): Promise<number> {
    if (this.closed) this.failed ??= new Error('stream closed');
    while (this.credit <= 0) {
      if (this.failed) throw this.failed;
      await new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
    if (this.failed) throw this.failed;
    const n = Math.min(max, this.credit);
    this.credit -= n;
    return n;
  }

  /**
   * Ends the gate for good: take() rejects with "stream closed" from now on. The Error is made only when
   * someone is (or later comes) waiting — every stream closes its gates, few have a waiter.
   */
  close(): void {
    if (this.failed) return;
    this.closed = true;
    if (this.waiters.length > 0) this.fail(new Error('stream closed'));
  }

  fail(err: Error): void {
    this.failed ??= err;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.reject(err);
  }
}

/** Largest StreamData chunk either side sends. */
export const MAX_CHUNK = 32 * 1024;
