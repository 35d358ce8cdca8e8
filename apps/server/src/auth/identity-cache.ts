/**
 * A short-lived in-process cache of what every request would otherwise ask the database about its caller:
 * whether the user is active and the session live (authenticator), the effective permissions (authorizer)
 * and the user view (`GET /api/auth/me`). Entries are grouped per user, so one `invalidate(userId)` after a
 * change to that user (deactivation, deletion, password change, logout, role assignment…) drops all of
 * them; `invalidate()` drops everything (a role's permissions changed). Every change made through this
 * server invalidates at once; a change made by another replica is seen within `ttlMs`.
 */
export interface IdentityCache {
  /** The cached value of (userId, key), or `load()`'s, kept for ttlMs unless invalidated meanwhile. */
  get<T>(userId: string, key: string, load: () => Promise<T>): Promise<T>;
  /**
   * The value `get` would answer right now without loading, when it is already loaded (fresh, not invalidated);
   * else undefined. Lets the request path skip a promise per lookup on a hit.
   */
  peek<T>(userId: string, key: string): T | undefined;
  /** Drops the user's entries (every user's without an id). Call it after the change is committed. */
  invalidate(userId?: string): void;
}

export interface IdentityCacheOptions {
  /** How long an entry is used; 0 disables the cache (every call loads). */
  ttlMs: number;
  now?: () => number;
}

interface Entry {
  at: number;
  value: Promise<unknown>;
  /** Set once `value` has resolved (and no invalidation came in between): what peek answers. */
  loaded?: { value: unknown };
}

export function createIdentityCache(options: IdentityCacheOptions): IdentityCache {
  const { ttlMs } = options;
  const now = options.now ?? Date.now;
  const users = new Map<string, Map<string, Entry>>();
  // Bumped by every invalidation: a load that started before one may have read the old state and is not kept.
  let generation = 0;
  let inserts = 0;

  // Entries of sessions that are never used again would stay: every 1,000 loads, expired ones go.
  function sweep(at: number): void {
    for (const [userId, entries] of users) {
      for (const [key, entry] of entries) if (at - entry.at >= ttlMs) entries.delete(key);
      if (entries.size === 0) users.delete(userId);
    }
  }

  function drop(userId: string, key: string, entry: Entry): void {
    const entries = users.get(userId);
    if (entries?.get(key) !== entry) return;
    entries.delete(key);
    if (entries.size === 0) users.delete(userId);
  }

  return {
    get<T>(userId: string, key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      let entries = users.get(userId);
      const hit = entries?.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value as Promise<T>;
      const at = now();
      if (++inserts % 1_000 === 0) sweep(at);
      const loadedIn = generation;
      const value = load();
      const entry: Entry = { at, value };
      if (!entries) {
        entries = new Map();
        users.set(userId, entries);
      }
      entries.set(key, entry);
      value.then(
        (loaded) => {
          if (loadedIn !== generation) drop(userId, key, entry);
          else entry.loaded = { value: loaded };
        },
        () => drop(userId, key, entry),
      );
      return value;
    },
    peek<T>(userId: string, key: string): T | undefined {
      const hit = users.get(userId)?.get(key);
      if (!hit?.loaded || now() - hit.at >= ttlMs) return undefined;
      return hit.loaded.value as T;
    },
    invalidate(userId) {
      generation++;
      if (userId === undefined) users.clear();
      else users.delete(userId);
    },
  };
}
