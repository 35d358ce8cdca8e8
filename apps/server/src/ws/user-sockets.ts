/**
 * The authenticated `/ws` connections of this replica by user, so a message meant for one user (a
 * notification) reaches every tab they have open here. Other replicas hold their own; a broadcast over
 * the broker reaches them (notifications/pipeline/notification-push.ts).
 */
export type SocketSend = (message: unknown) => void;

export interface UserSockets {
  /** Registers a connection's sender; returns its removal. */
  add(userId: string, send: SocketSend): () => void;
  /** Sends to every connection of the user here; returns how many. */
  send(userId: string, message: unknown): number;
  count(): number;
}

export function createUserSockets(): UserSockets {
  const byUser = new Map<string, Set<SocketSend>>();
  return {
    add(userId, send) {
      let set = byUser.get(userId);
      if (!set) {
        set = new Set();
        byUser.set(userId, set);
      }
      set.add(send);
      return () => {
        set.delete(send);
        if (set.size === 0 && byUser.get(userId) === set) byUser.delete(userId);
      };
    },
    send(userId, message) {
      const set = byUser.get(userId);
      if (!set) return 0;
      for (const s of set) s(message);
      return set.size;
    },
    count() {
      let n = 0;
      for (const s of byUser.values()) n += s.size;
      return n;
    },
  };
}
