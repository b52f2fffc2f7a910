import { parseArgs } from "node:util";
import { describeMachine } from "./machine.js";
import { renderMachine, renderTable } from "./report.js";
import { type BenchResults, saveResults } from "./results.js";
import type { Measurement, Scenario } from "./scenario.js";
import { chatFlow } from "./scenarios/chat-flow.js";
import { chatLatency } from "./scenarios/chat-latency.js";
import { chatPeer } from "./scenarios/chat-peer.js";
import { cliSpeed } from "./scenarios/cli-speed.js";
import { consoleScenario } from "./scenarios/console.js";
import { coreCreate } from "./scenarios/core-create.js";
import { delivery } from "./scenarios/delivery.js";
import { idleMemory } from "./scenarios/idle-memory.js";
import { kbSuggest } from "./scenarios/kb-suggest.js";
import { memory } from "./scenarios/memory.js";
import { scale } from "./scenarios/scale.js";
import { searchStats } from "./scenarios/search-stats.js";
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from "./support/servers.js";

/** In the order they run; chat-flow also measures slack-ack. */
const SCENARIOS: readonly Scenario[] = [
  coreCreate,
  delivery,
  chatFlow,
  chatLatency,
  chatPeer,
  memory,
  searchStats,
  consoleScenario,
  scale,
  kbSuggest,
  cliSpeed,
  idleMemory,
];

const USAGE = `usage: npm run bench -- [--quick] [--json] [scenario ...]
  --quick   smaller sizes, for a run of a minute or two
  --json    print the results as JSON instead of a table
scenarios: ${SCENARIOS.map((s) => `\n  ${s.name.padEnd(12)} ${s.describe}`).join("")}
DATABASE_URL (default ${DEFAULT_DATABASE_URL}) is the server throwaway databases are made on;
REDIS_URL defaults to ${DEFAULT_REDIS_URL}.`;

const parse = () => {
  const { values, positionals } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
  });
  const unknown = positionals.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (values.help || unknown.length > 0) {
    if (unknown.length > 0) process.stderr.write(`unknown scenario: ${unknown.join(", ")}\n`);
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const chosen = positionals.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => positionals.includes(s.name));
  return { quick: values.quick, json: values.json, scenarios: chosen };
};

const main = async () => {
  const args = parse();
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const startedAt = new Date().toISOString();
  const machine = await describeMachine(databaseUrl, redisUrl);
  const measurements: Measurement[] = [];
  const failures: { scenario: string; error: string }[] = [];
  const progress = (line: string) => process.stderr.write(`… ${line}\n`);
  for (const scenario of args.scenarios) {
    try {
      measurements.push(...(await scenario.run({ quick: args.quick, databaseUrl, redisUrl, progress })));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ scenario: scenario.name, error: message });
      process.stderr.write(`scenario ${scenario.name} failed: ${message}\n`);
    }
  }
  const results: BenchResults = {
    startedAt,
    quick: args.quick,
    scenarios: args.scenarios.map((s) => s.name),
    machine,
    measurements,
    failures,
  };
  const saved = await saveResults(results);
  if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else
    process.stdout.write(`${renderMachine(machine)}\n\n${renderTable(measurements)}\n\nsaved to ${saved}\n`);
  // Open handles (pools, sockets) must not keep a finished run alive, nor hide a failed one.
  process.exit(failures.length > 0 ? 1 : 0);
};

await main();
