import { loadEnvFile } from "../env-file.js";
import { runCli } from "./main.js";

loadEnvFile();

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // Which database or service answered, for a person at a terminal; scripts' output stays clean.
  note: (text) => {
    if (process.stderr.isTTY) process.stderr.write(`(${text})\n`);
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // The cause in one line; the stack only when asked for (LOG_LEVEL=debug), it helps no one else.
    const debug = process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace";
    const message =
      error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = 1;
  },
);
