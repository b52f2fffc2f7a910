import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { spawnService } from "../../testkit/spawn-service.js";

/**
 * The chat-flow floor: a bare Node HTTP server that reads each webhook's JSON body and answers
 * 200, as fast as this machine serves HTTP with nothing behind it.
 */
export const startBareHttpServer = async (port = 0): Promise<{ url: string; close(): Promise<void> }> => {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("bare server has no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** The floor in a process of its own, as the service runs in one, so both get the same share of the machine. */
export const startBareHttpProcess = async (): Promise<{
  url: string;
  pid: number;
  close(): Promise<void>;
}> => {
  const spawned = await spawnService(join(import.meta.dirname, "bare-http-entry.ts"), {});
  return {
    url: spawned.url,
    pid: spawned.child.pid!,
    async close() {
      spawned.child.kill("SIGKILL");
      await spawned.exited;
    },
  };
};
