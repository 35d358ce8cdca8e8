/**
 * Lockout policy after repeated failed logins: from the Nth consecutive failure (LOGIN_MAX_FAILURES) the
 * account is locked for base·2^(failures−N) seconds, capped at LOGIN_LOCKOUT_MAX_SECONDS; attempts while
 * locked are refused without checking the password and do not count. A success resets the count.
 * Each attempt is counted as a failure before its password is checked, in one atomic step with the lockout
 * check, so a parallel burst gets at most N password checks in before the lock holds.
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
  /**
   * Reserves a sign-in attempt for an unknown email, counted as a failure at once (it cannot succeed): 0 when
   * the attempt may proceed, else the seconds the email is still locked. Synchronous, so a parallel burst
   * cannot pass the check before the failures are counted.
   */
  reserve(email: string): number;
}

export function createUnknownEmailThrottle(policy: LockoutPolicy, capacity = 10_000): UnknownEmailThrottle {
  const entries = new Map<string, { failures: number; lockedUntil: number }>();
  return {
    reserve(email) {
      const e = entries.get(email) ?? { failures: 0, lockedUntil: 0 };
      const lockedFor = Math.ceil((e.lockedUntil - Date.now()) / 1000);
      if (lockedFor > 0) return lockedFor;
      entries.delete(email);
      e.failures++;
      e.lockedUntil = Date.now() + lockSeconds(policy, e.failures) * 1000;
      entries.set(email, e);
      if (entries.size > capacity) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return 0;
    },
  };
}
