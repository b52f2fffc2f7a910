import { createPrismaTimerQueries } from "../../src/adapters/storage/prisma/timer-queries.js";
import { buildCore } from "../../src/app/container.js";
import { testConfig } from "../../testkit/spawn-service.js";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { summarize, timed } from "../stats.js";
import { type ReadKind, readKinds } from "../support/read-queries.js";
import { type SeededTickets, seedTickets } from "../support/seed-tickets.js";
import { withBenchDatabase } from "../support/servers.js";

const TARGET_MS = 50;
const TARGET_SIZE = 1_000_000;

interface Plan {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly warmUp: number;
}

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

/** Latency of one kind, run after run: the figure is how long one caller waits, not throughput. */
const measureKind = async (kind: ReadKind, plan: Plan): Promise<number[]> => {
  for (let i = 0; i < plan.warmUp; i++) await kind.run(i);
  const ms: number[] = [];
  let found = 0;
  for (let i = 0; i < plan.runs; i++) {
    const { value, ms: took } = await timed(() => kind.run(plan.warmUp + i));
    ms.push(took);
    found += value;
  }
  if (kind.finds && found === 0) throw new Error(`search-stats: "${kind.name}" found no tickets`);
  return ms;
};

const measureSize = async (
  ctx: ScenarioContext,
  plan: Plan,
  size: number,
  targeted: boolean,
): Promise<Measurement[]> =>
  withBenchDatabase(ctx.databaseUrl, async (db) => {
    ctx.progress(`search-stats: seeding ${size.toLocaleString("en-US")} tickets`);
    const seeded: SeededTickets = await seedTickets(db.url, size, ctx.progress);
    const config = await testConfig({ DATABASE_URL: db.url, DATABASE_MIGRATE_ON_START: "false" });
    const core = await buildCore(config, { serveEmbedded: false });
    const timers = createPrismaTimerQueries(core.db!.prisma);
    const sizeText =
      size === TARGET_SIZE || !targeted
        ? `tickets=${label(size)}`
        : `tickets=${label(size)} (target is for ${label(TARGET_SIZE)})`;
    const out: Measurement[] = [
      {
        scenario: "search-stats",
        size: sizeText,
        metric: "seed by set-based SQL",
        unit: "s",
        figure: seeded.ms / 1000,
      },
    ];
    try {
      for (const kind of readKinds(core, seeded, timers.slaCounts)) {
        const summary = summarize(await measureKind(kind, plan));
        ctx.progress(
          `search-stats ${label(size)}: ${kind.name}: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms`,
        );
        out.push({
          scenario: "search-stats",
          size: sizeText,
          metric: `${kind.name}: p95 (p50 ${summary.p50.toFixed(1)}, p99 ${summary.p99.toFixed(1)})`,
          unit: "ms",
          figure: summary.p95,
          ...(targeted ? { target: { text: `< ${TARGET_MS} ms`, holds: summary.p95 < TARGET_MS } } : {}),
        });
      }
    } finally {
      await core.close();
    }
    return out;
  });

export const searchStats: Scenario = {
  name: "search-stats",
  describe:
    "p50/p95/p99 of search, list and stats through the core with 10k, 100k and 1M tickets stored (quick: 10k, 100k)",
  async run(ctx) {
    const plan: Plan = ctx.quick
      ? { sizes: [10_000, 100_000], runs: 50, warmUp: 5 }
      : { sizes: [10_000, 100_000, 1_000_000], runs: 200, warmUp: 10 };
    const largest = Math.max(...plan.sizes);
    const out: Measurement[] = [];
    for (const size of plan.sizes) out.push(...(await measureSize(ctx, plan, size, size === largest)));
    return out;
  },
};
