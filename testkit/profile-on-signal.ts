import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

/**
 * With CHAMADO_CPU_PROFILE=<file> set, SIGUSR2 starts a CPU profile of this process and the next
 * SIGUSR2 writes it to the file: a profile of a measured span alone, without start-up.
 */
export const profileOnSignal = (file: string | undefined): void => {
  if (!file) return;
  const session = new Session();
  session.connect();
  let profiling = false;
  process.on("SIGUSR2", () => {
    if (!profiling) {
      profiling = true;
      session.post("Profiler.enable", () => session.post("Profiler.start"));
      return;
    }
    profiling = false;
    session.post("Profiler.stop", (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile));
    });
  });
};
