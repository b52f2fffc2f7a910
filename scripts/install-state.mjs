/** Where the hash of the lockfile last installed here is kept (inside node_modules, so a wipe clears it). */
export const STAMP = "node_modules/.chamado-lockfile-hash";

/**
 * Why `npm install` must run, or undefined when node_modules already matches the lockfile.
 * Without a stamp (installed before this check existed, or by `npm ci`), npm's own record of what it
 * installed (node_modules/.package-lock.json) is compared with the lockfile, version by version.
 * @param {{ lockHash?: string, stamp?: string, lock?: string, hiddenLock?: string }} state
 * @returns {string | undefined}
 */
export const installNeeded = ({ lockHash, stamp, lock, hiddenLock }) => {
  if (hiddenLock === undefined) return "node_modules is missing";
  if (lockHash === undefined || lock === undefined) return "there is no package-lock.json";
  if (stamp !== undefined) return stamp.trim() === lockHash ? undefined : "package-lock.json changed";
  try {
    const wanted = JSON.parse(lock).packages ?? {};
    const installed = JSON.parse(hiddenLock).packages ?? {};
    for (const [path, entry] of Object.entries(wanted)) {
      if (path === "" || entry.optional) continue;
      if (installed[path]?.version !== entry.version) return `${path} is not at ${entry.version}`;
    }
    return undefined;
  } catch {
    return "node_modules/.package-lock.json is unreadable";
  }
};
