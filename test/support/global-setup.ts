import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One scratch folder per test run for the services' data directories, removed when the run ends;
 * workers are stopped without running their exit hooks, so they cannot clean up themselves.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "chamado-run-"));
  process.env.CHAMADO_TEST_TMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
