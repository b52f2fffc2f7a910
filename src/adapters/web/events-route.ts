import type { FastifyInstance } from "fastify";
import { canView } from "../../core/ticket/access.js";
import type { WebDeps } from "./deps.js";
import { guard } from "./session-auth.js";

/**
 * GET /app/api/events: server-sent events naming each ticket that changes and that the session may
 * see, so open tables and pages refresh themselves.
 */
export const registerEventsRoute = (app: FastifyInstance, deps: WebDeps): void => {
  // Open event streams never finish on their own: they are ended when the server begins to close.
  const streams = new Set<() => void>();
  app.addHook("preClose", async () => {
    for (const end of streams) end();
  });

  app.get(
    "/app/api/events",
    guard(
      deps,
      async (request, reply, viewer) => {
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-store",
          connection: "keep-alive",
          "x-accel-buffering": "no",
        });
        res.write("retry: 3000\n\n");
        const unsubscribe = deps.live.subscribe((change) => {
          const visible = canView(viewer.actor, {
            organizationId: change.organizationId,
            requester: {
              personId: change.requesterPersonId,
              contactId: "",
              channel: "CONSOLE",
              displayName: "",
            },
          });
          if (visible) res.write(`event: ticket\ndata: ${JSON.stringify({ number: change.number })}\n\n`);
        });
        const beat = setInterval(() => res.write(": keep-alive\n\n"), 25_000);
        const end = () => {
          clearInterval(beat);
          unsubscribe();
          streams.delete(end);
          res.end();
        };
        streams.add(end);
        request.raw.on("close", end);
        res.on("close", end);
      },
      { allow: ["admin", "agent", "supplier"] },
    ),
  );
};
