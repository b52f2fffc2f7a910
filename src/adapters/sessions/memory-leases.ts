import type { Leases } from "../../core/ports/lease.js";

/** Without Redis there is one instance (the embedded setup): it always holds every lease. */
export const createMemoryLeases = (): Leases => ({
  lease: () => ({
    tryAcquire: async () => true,
    renew: async () => true,
    release: async () => {},
  }),
});
