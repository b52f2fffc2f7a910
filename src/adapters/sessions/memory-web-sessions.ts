import type { WebSession, WebSessions } from "../../core/ports/web-sessions.js";

/** One instance's sessions, forgotten on restart: the embedded default, and tests. */
export const createMemoryWebSessions = (): WebSessions => {
  const sessions = new Map<string, WebSession>();
  const spent = new Map<string, number>();
  const sweep = (nowMs: number) => {
    for (const [id, s] of sessions) if (s.expiresAt <= nowMs) sessions.delete(id);
    for (const [id, until] of spent) if (until <= nowMs) spent.delete(id);
  };
  return {
    async save(session) {
      sessions.set(session.id, session);
    },
    async find(id, now) {
      sweep(now.getTime());
      return sessions.get(id) ?? null;
    },
    async remove(id) {
      sessions.delete(id);
    },
    async spendLink(linkId, untilMs, now) {
      sweep(now.getTime());
      if (spent.has(linkId)) return false;
      spent.set(linkId, untilMs);
      return true;
    },
  };
};
