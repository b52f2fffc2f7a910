import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import { type RunningService, startService } from "../../src/app/service.js";
import { WEB_DIST_DIR } from "../../src/app/web-dist.js";
import { ensureWebBuilt } from "../../testkit/browser.js";
import { type ConsoleClient, signIn } from "../../testkit/console-client.js";
import { testConfig } from "../../testkit/spawn-service.js";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { summarize, timed } from "../stats.js";
import { seedTickets } from "../support/seed-tickets.js";
import { withBenchDatabase } from "../support/servers.js";

const TARGET_MS = 100;
const TARGET_SIZE = 1_000_000;
const JS_TARGET_KB = 200;

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

/** The console's own calls, over HTTP with a signed-in agent's cookie, as the pages make them. */
const calls = (ref: string): { name: string; path: string }[] => [
  { name: "dashboard (30 days)", path: "/dashboard?days=30" },
  { name: "ticket table, first page", path: "/tickets" },
  { name: "ticket table, open, high", path: "/tickets?status=OPEN&priority=HIGH" },
  { name: "ticket table, unassigned", path: "/tickets?view=unassigned" },
  { name: "ticket table, search", path: "/tickets?q=impressora" },
  { name: "ticket page", path: `/tickets/${ref}` },
];

/** Compressed JavaScript the first page loads (every script web/dist ships, as .gz). */
const firstPageJsKb = () => {
  const assets = join(WEB_DIST_DIR, "assets");
  const bytes = readdirSync(assets)
    .filter((f) => f.endsWith(".js.gz"))
    .reduce((sum, f) => sum + statSync(join(assets, f)).size, 0);
  return bytes / 1024;
};

const PERIODS = [7, 30, 90];
/** Unfiltered first views: periods nobody asked for yet (30 days is the one warmed above). */
const FRESH_PERIODS = Array.from({ length: 20 }, (_, i) => 31 + i);

/**
 * A dashboard filter nobody has looked at yet (or not within DASHBOARD_CACHE_SECONDS x 10) is computed
 * while the page waits; afterwards its figures are served from the instance and recomputed in the
 * background. Each call here is a filter not asked for before, so each is such a computation: one
 * organization's (a new period and organization each time), and the whole desk's (a new period).
 */
const firstViews = async (
  ctx: ScenarioContext,
  agent: ConsoleClient,
  organizationIds: readonly string[],
  size: number,
  runs: number,
): Promise<Measurement[]> => {
  const oneOrganization = PERIODS.flatMap((days) =>
    organizationIds.map((org) => `/dashboard?days=${days}&organization=${org}`),
  ).slice(0, runs);
  const wholeDesk = FRESH_PERIODS.map((days) => `/dashboard?days=${days}`);
  const out: Measurement[] = [];
  for (const [what, paths] of [
    ["one organization", oneOrganization],
    ["all organizations", wholeDesk],
  ] as const) {
    const ms: number[] = [];
    for (const path of paths) {
      const { value, ms: took } = await timed(() => agent.get(path));
      if (value.status !== 200 || value.json.refreshing !== false)
        throw new Error(`console: a first dashboard view answered ${value.status}`);
      ms.push(took);
    }
    const s = summarize(ms);
    const metric = `dashboard, first view of a filter (${what}, computed while the page waits)`;
    ctx.progress(`console ${label(size)}: ${metric}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
    out.push({
      scenario: "console",
      size: `tickets=${label(size)}`,
      metric: `${metric}: p95 (p50 ${s.p50.toFixed(1)}, p99 ${s.p99.toFixed(1)})`,
      unit: "ms",
      figure: s.p95,
    });
  }
  return out;
};

const measureSize = (ctx: ScenarioContext, size: number, runs: number, targeted: boolean) =>
  withBenchDatabase(ctx.databaseUrl, async (db): Promise<Measurement[]> => {
    ctx.progress(`console: seeding ${size.toLocaleString("en-US")} tickets`);
    const seeded = await seedTickets(db.url, size, ctx.progress);
    const config = await testConfig({ DATABASE_URL: db.url, DATABASE_MIGRATE_ON_START: "false" });
    let service: RunningService | undefined;
    try {
      service = await startService(config, {
        port: 0,
        logger: pino({ level: "silent" }),
        startWorker: false,
        startTimers: false,
      });
      const agent = await signIn(
        service.url,
        service.webLinks.forAgent({ slackUser: null, name: "Bench", admin: false }),
      );
      const out: Measurement[] = [];
      for (const call of calls("TKT-000042")) {
        for (let i = 0; i < 5; i++) await agent.get(call.path);
        const ms: number[] = [];
        for (let i = 0; i < runs; i++) {
          const { value, ms: took } = await timed(() => agent.get(call.path));
          if (value.status !== 200) throw new Error(`console: ${call.path} answered ${value.status}`);
          ms.push(took);
        }
        const s = summarize(ms);
        ctx.progress(
          `console ${label(size)}: ${call.name}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`,
        );
        out.push({
          scenario: "console",
          size:
            size === TARGET_SIZE || !targeted
              ? `tickets=${label(size)}`
              : `tickets=${label(size)} (target is for 1M)`,
          metric: `${call.name}: p95 (p50 ${s.p50.toFixed(1)}, p99 ${s.p99.toFixed(1)})`,
          unit: "ms",
          figure: s.p95,
          ...(targeted ? { target: { text: `< ${TARGET_MS} ms`, holds: s.p95 < TARGET_MS } } : {}),
        });
      }
      out.push(...(await firstViews(ctx, agent, seeded.organizationIds, size, runs)));
      return out;
    } finally {
      await service?.stop();
    }
  });

export const consoleScenario: Scenario = {
  name: "console",
  describe:
    "p50/p95/p99 of the web console's API calls (dashboard, table, search, ticket page) over HTTP with 10k, 100k and 1M tickets (quick: 10k, 100k), and the first page's compressed JavaScript",
  async run(ctx) {
    ensureWebBuilt();
    const kb = firstPageJsKb();
    const out: Measurement[] = [
      {
        scenario: "console",
        size: "first page",
        metric: "compressed JavaScript",
        unit: "KB",
        figure: kb,
        target: { text: `< ${JS_TARGET_KB} KB`, holds: kb < JS_TARGET_KB },
      },
    ];
    const sizes = ctx.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    const runs = ctx.quick ? 30 : 100;
    const largest = Math.max(...sizes);
    for (const size of sizes) out.push(...(await measureSize(ctx, size, runs, size === largest)));
    return out;
  },
};
