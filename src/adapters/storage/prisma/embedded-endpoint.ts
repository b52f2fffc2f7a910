import { randomUUID } from "node:crypto";
import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const ENDPOINT_FILE = "pglite.endpoint.json";

export interface Endpoint {
  pid: number;
  /** Present when the owner serves the database to other processes: the folder of its Unix socket. */
  socketDir?: string;
  /**
   * Unique per claim. A restarted container's process often gets its dead predecessor's pid
   * (1, say); the claim id tells its stale file apart from a claim it made itself.
   */
  claim: string;
}

const claimsMadeHere = new Set<string>();

/** Another live process (a CLI command) has the directory open for itself. */
export class DataDirBusyError extends Error {
  override readonly name = "DataDirBusyError";
}

export type DataDirClaim =
  | { owner: true; release(): Promise<void> }
  | { owner: false; file: string; endpoint: { pid: number; socketDir: string } };

/**
 * PGlite lets one process open a data directory. Every process that opens it first claims
 * `<dataDir>/pglite.endpoint.json`, created atomically, so two processes never open it at
 * once; one that finds a live owner serving it connects to that endpoint instead.
 * A claim whose pid is dead is removed and the directory claimed again.
 */
export async function claimDataDir(dataDir: string, served?: { socketDir: string }): Promise<DataDirClaim> {
  const file = join(dataDir, ENDPOINT_FILE);
  const mine = JSON.stringify({ pid: process.pid, ...served, claim: randomUUID() } satisfies Endpoint);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(file, mine)) {
      claimsMadeHere.add(mine);
      return { owner: true, release: () => release(file, mine) };
    }
    const raw = await readFile(file, "utf8").catch(() => undefined);
    if (raw === undefined) continue;
    const other = parse(raw);
    if (other && (other.pid === process.pid ? claimsMadeHere.has(raw) : isAlive(other.pid))) {
      if (other.socketDir !== undefined) {
        return { owner: false, file, endpoint: { pid: other.pid, socketDir: other.socketDir } };
      }
      throw new DataDirBusyError(
        `the embedded database in ${dataDir} is open in process ${other.pid}, which does not serve it to others; ` +
          "wait for it to finish, or set DATABASE_URL",
      );
    }
    await removeStale(file, raw);
  }
  throw new Error(`could not claim ${file}: other processes keep changing it`);
}

/** Whether a live process holds the directory's claim (then its socket is not stale). */
export async function claimedByLiveProcess(dataDir: string): Promise<boolean> {
  const raw = await readFile(join(dataDir, ENDPOINT_FILE), "utf8").catch(() => undefined);
  const other = raw === undefined ? undefined : parse(raw);
  return other !== undefined && (other.pid === process.pid ? claimsMadeHere.has(raw!) : isAlive(other.pid));
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  // Written aside then linked: link() fails if the name exists, and readers never see a half-written file.
  const tmp = `${file}.${randomUUID()}.tmp`;
  await writeFile(tmp, content);
  try {
    await link(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(tmp);
  }
}

/**
 * Moves the stale claim aside before deleting it, so that a process which replaced it in the
 * meantime with its own live claim gets that claim put back rather than silently deleted.
 */
async function removeStale(file: string, staleContent: string): Promise<void> {
  const aside = `${file}.${randomUUID()}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return;
  }
  if ((await readFile(aside, "utf8")) !== staleContent) await link(aside, file).catch(() => {});
  await unlink(aside);
}

async function release(file: string, content: string): Promise<void> {
  claimsMadeHere.delete(content);
  if ((await readFile(file, "utf8").catch(() => undefined)) === content) await unlink(file);
}

function parse(raw: string): Endpoint | undefined {
  try {
    const value = JSON.parse(raw) as Endpoint;
    return Number.isInteger(value.pid) && value.pid > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
