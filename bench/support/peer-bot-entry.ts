import { Redis } from "ioredis";
import pg from "pg";
import { startPeerBot } from "./peer-bot.js";

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`peer bot: ${name} is not set`);
  return value;
};

// Configured by the same variables as the service, so the bench starts both from one environment.
const bot = await startPeerBot({
  token: need("TELEGRAM_BOT_TOKEN"),
  apiRoot: need("TELEGRAM_API_ROOT"),
  webhookSecret: need("TELEGRAM_WEBHOOK_SECRET"),
  redis: new Redis(need("REDIS_URL")),
  keyPrefix: `${process.env.REDIS_KEY_PREFIX ?? ""}peer:`,
  db: new pg.Pool({ connectionString: need("DATABASE_URL") }),
});
// The line the parent waits for (test/support/spawn-service.ts).
process.stdout.write(`${JSON.stringify({ msg: "service started", url: bot.url })}\n`);
// An exit rather than death by signal, so that node --cpu-prof writes its profile.
process.once("SIGTERM", () => process.exit(0));
