import { join } from "node:path";
import { spawnService } from "../../testkit/spawn-service.js";

export interface PeerBotProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** The peer bot in a process of its own, started the way the service is, so both get the same share of the machine. */
export const startPeerBotProcess = async (
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<PeerBotProcess> => {
  const spawned = await spawnService(
    join(import.meta.dirname, "peer-bot-entry.ts"),
    env,
    undefined,
    nodeArgs,
  );
  return {
    url: spawned.url,
    pid: spawned.child.pid!,
    async stop() {
      // Its drafts are in Redis and its tickets committed; the entry exits on SIGTERM so a --cpu-prof is written.
      spawned.child.kill("SIGTERM");
      await spawned.exited;
    },
  };
};
