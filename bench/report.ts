import type { Machine } from "./machine.js";
import type { Measurement } from "./scenario.js";

const number = (value: number | undefined): string => {
  if (value === undefined) return "";
  if (!Number.isFinite(value)) return "n/a";
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
};

const percent = (ratio: number | undefined): string =>
  ratio === undefined ? "" : Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : "n/a";

const holds = (m: Measurement): string => (m.target ? (m.target.holds ? "yes" : "NO") : "");

const HEADER = ["scenario", "size", "metric", "figure", "floor", "ratio", "target", "holds"];

const row = (m: Measurement): string[] => [
  m.scenario,
  m.size,
  `${m.metric} (${m.unit})`,
  number(m.figure),
  number(m.floor),
  percent(m.ratio),
  m.target?.text ?? "",
  holds(m),
];

/** The results as a Markdown table, readable in a terminal and pasteable into the README. */
export const renderTable = (measurements: readonly Measurement[]): string => {
  const rows = [HEADER, ...measurements.map(row)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  return [line(rows[0]!), line(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(line)].join("\n");
};

export const renderMachine = (machine: Machine): string =>
  [
    `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}`,
    `postgres: ${machine.postgres}`,
    `redis: ${machine.redis}`,
  ].join("\n");
