import { rm } from "node:fs/promises";
import { pino } from "pino";
import type { ChannelPorts } from "../../../src/adapters/channel.js";
import { whatsappChannel } from "../../../src/adapters/whatsapp/channel.js";
import type { WhatsAppChannelModule, WhatsAppChannelOptions } from "../../../src/adapters/whatsapp/parts.js";
import type { Config } from "../../../src/app/config/index.js";
import { type RunningService, startService } from "../../../src/app/service.js";
import type { Clock } from "../../../src/core/ports/clock.js";
import { ok } from "../../../src/core/shared/result.js";
import { testConfig } from "../../../testkit/spawn-service.js";

export interface WhatsAppService {
  readonly service: RunningService;
  readonly config: Config;
  /** The channel module the service runs (for its readiness checks). */
  readonly module: WhatsAppChannelModule;
  /** Stops the service and deletes its data directory. */
  stop(): Promise<void>;
}

/** The whole service in this process with only the WhatsApp channel, on the given environment. */
export const startWhatsAppService = async (
  env: Record<string, string | undefined>,
  options: WhatsAppChannelOptions & { readonly clock?: Clock } = {},
): Promise<WhatsAppService> => {
  const config = await testConfig({ OUTBOX_MAX_AGE_HOURS: "72", ...env });
  const channel = whatsappChannel(options);
  let module: WhatsAppChannelModule | null = null;
  const service = await startService(config, {
    port: 0,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    startTimers: false,
    ...(options.clock ? { clock: options.clock } : {}),
    rateLimits: { WHATSAPP: { overall: { limit: 1000, perMs: 1000 } } },
    channels: [
      {
        name: channel.name,
        prepare(settings) {
          const prepared = channel.prepare(settings);
          if (!prepared.ok || !prepared.value) return prepared;
          const build = prepared.value;
          return ok(async (ports: ChannelPorts) => {
            module = (await build(ports)) as WhatsAppChannelModule;
            return module;
          });
        },
      },
    ],
  });
  if (!module) throw new Error("the WhatsApp channel did not start: is WHATSAPP_TRANSPORT set?");
  return {
    service,
    config,
    module,
    async stop() {
      await service.stop();
      await rm(config.DATA_DIR, { recursive: true, force: true });
    },
  };
};
