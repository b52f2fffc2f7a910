import { setFlagsFromString } from "node:v8";
import { loadEnvFile } from "../env-file.js";
import { runCli } from "./main.js";

// Prisma compiles each query with a WebAssembly module. V8 first runs it on its baseline compiler and
// optimises the hot functions on background threads, and Node waits for those jobs before it exits:
// ~0.4 s of a command's time spent idle, optimising code it will never run again. A command makes a
// few queries, which the baseline code answers in no time. Set before the module is compiled (on the
// first query), and in this process only: the service keeps V8's defaults.
setFlagsFromString("--liftoff-only");
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
