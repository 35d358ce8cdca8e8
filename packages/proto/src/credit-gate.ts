/**
 * Send-side flow control for one stream direction: the peer's window. take() waits until the peer has
 * granted credit (WindowUpdate), so a sender never has more than the window unacknowledged.
 */
export class CreditGate {
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private failed: Error | undefined;

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

  /** Up to max bytes of credit, waiting for some when there is none; rejects once failed. */
  async take(max: number): Promise<number> {
    while (this.credit <= 0) {
      if (this.failed) throw this.failed;
      await new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
    if (this.failed) throw this.failed;
    const n = Math.min(max, this.credit);
    this.credit -= n;
    return n;
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
