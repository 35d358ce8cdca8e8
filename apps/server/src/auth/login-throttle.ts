/**
 * Lockout policy after repeated failed logins: from the Nth consecutive failure (LOGIN_MAX_FAILURES) the
 * account is locked for base·2^(failures−N) seconds, capped at LOGIN_LOCKOUT_MAX_SECONDS; attempts while
 * locked are refused without checking the password and do not count. A success resets the count.
 * Known users keep the count in the users table (shared by replicas); unknown emails get the same
 * treatment in memory, so a lockout does not reveal whether an account exists.
 */
export interface LockoutPolicy {
  maxFailures: number;
  baseSeconds: number;
  maxSeconds: number;
}

export function lockSeconds(policy: LockoutPolicy, failures: number): number {
  if (failures < policy.maxFailures) return 0;
  return Math.min(policy.baseSeconds * 2 ** (failures - policy.maxFailures), policy.maxSeconds);
}

export interface UnknownEmailThrottle {
  /** Seconds the email is still locked (0: not locked). */
  lockedFor(email: string): number;
  fail(email: string): void;
}

export function createUnknownEmailThrottle(policy: LockoutPolicy, capacity = 10_000): UnknownEmailThrottle {
  const entries = new Map<string, { failures: number; lockedUntil: number }>();
  return {
    lockedFor(email) {
      const e = entries.get(email);
      if (!e) return 0;
      return Math.max(0, Math.ceil((e.lockedUntil - Date.now()) / 1000));
    },
    fail(email) {
      const e = entries.get(email) ?? { failures: 0, lockedUntil: 0 };
      entries.delete(email);
      e.failures++;
      e.lockedUntil = Date.now() + lockSeconds(policy, e.failures) * 1000;
      entries.set(email, e);
      if (entries.size > capacity) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
  };
}
