import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { toJsonText } from "./json-text.js";
import type { Machine } from "./machine.js";
import type { Measurement } from "./scenario.js";

export interface BenchResults {
  readonly startedAt: string;
  readonly quick: boolean;
  readonly scenarios: readonly string[];
  readonly machine: Machine;
  readonly measurements: readonly Measurement[];
  /** Scenarios that threw, with their message, so a partial run still records what it measured. */
  readonly failures: readonly { readonly scenario: string; readonly error: string }[];
}

export const RESULTS_DIR = join(import.meta.dirname, "results");

/** Keeps this run as <timestamp>.json and as latest.json; returns the timestamped path. */
export const saveResults = async (results: BenchResults): Promise<string> => {
  await mkdir(RESULTS_DIR, { recursive: true });
  const body = toJsonText(results);
  const path = join(RESULTS_DIR, `${results.startedAt.replaceAll(":", "-")}.json`);
  await writeFile(path, body);
  await writeFile(join(RESULTS_DIR, "latest.json"), body);
  return path;
};
