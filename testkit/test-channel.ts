import type { ChannelModule, ChannelPorts, RunnableChannel } from "../src/adapters/channel.js";
import { ok } from "../src/core/shared/result.js";

/** A channel made in a test: always on, built from the ports like a real one. */
export const testChannel = (
  name: string,
  build: (ports: ChannelPorts) => ChannelModule | Promise<ChannelModule>,
): RunnableChannel => ({
  name,
  prepare: () => ok(build),
});
