import { postTo, type Send, WebhookRefused } from "../../testkit/walk/walker.js";

/** How often one request may fail before the run gives up on it. */
const MAX_ATTEMPTS = 6;
const RETRY_PAUSE_MS = 50;

/** Refused for a reason a redelivery cannot change (bad secret, bad body): a bench bug, not a crash. */
const isPermanent = (error: unknown) => error instanceof WebhookRefused && error.status < 500;

/**
 * The load generator's balancer: each request goes to the next instance in turn, and one that fails
 * (its instance died under it, or answered 5xx) is sent again, the same bytes, to the next one, as
 * Telegram and Meta deliver a webhook again when it was not acknowledged.
 */
export const createRoundRobin = (targets: readonly { name: string; url: string }[]) => {
  let rotation = targets.map((t) => ({ name: t.name, send: postTo(t.url) }));
  let next = 0;
  /** Ids of requests that were delivered again after a failed attempt, with the failure. */
  const retried = new Map<string, string>();
  let failedAttempts = 0;
  const inFlight = new Map<string, number>();
  const track = (name: string, by: number) => inFlight.set(name, (inFlight.get(name) ?? 0) + by);

  const send: Send = async (request) => {
    for (let attempt = 1; ; attempt++) {
      if (rotation.length === 0) throw new Error("no instance left to send to");
      const target = rotation[next++ % rotation.length]!;
      track(target.name, 1);
      try {
        return await target.send(request);
      } catch (error) {
        if (isPermanent(error) || attempt >= MAX_ATTEMPTS) throw error;
        failedAttempts++;
        const reason = error instanceof Error ? (error.cause ?? error).toString() : String(error);
        retried.set(request.id, `${target.name}: ${reason}`);
      } finally {
        track(target.name, -1);
      }
      await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
    }
  };

  return {
    send,
    /** The balancer stops sending to an instance (its health check failed). */
    remove(name: string): void {
      rotation = rotation.filter((t) => t.name !== name);
    },
    add(target: { name: string; url: string }): void {
      rotation = [...rotation, { name: target.name, send: postTo(target.url) }];
    },
    retried: (): ReadonlyMap<string, string> => retried,
    failedAttempts: () => failedAttempts,
    /** Requests sent to this instance and not answered yet. */
    inFlight: (name: string): number => inFlight.get(name) ?? 0,
  };
};

export type RoundRobin = ReturnType<typeof createRoundRobin>;
