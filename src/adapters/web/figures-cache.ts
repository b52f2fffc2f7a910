/**
 * Figures that take a pass over a period's tickets (hundreds of milliseconds with a million tickets),
 * kept per scope and served at once: a scope is computed when first asked for; afterwards the kept
 * figures are served and, once they are older than `freshMs` or a ticket changed, recomputed in the
 * background (never more often than every `minRefreshMs`, so a busy desk does not turn every view
 * into a pass over the period). Figures older than `maxStaleMs` are never served: they are recomputed
 * while the caller waits, as are scopes not asked for in that long.
 */
export interface FiguresCache<T> {
  get(key: string, compute: () => Promise<T>): Promise<CachedFigures<T>>;
  /** A ticket changed: every kept scope is recomputed on its next view. */
  invalidate(): void;
}

export interface CachedFigures<T> {
  readonly value: T;
  /** When the figures were computed (ms since the epoch). */
  readonly asOf: number;
  /** Newer figures are being computed; asking again shortly gets them. */
  readonly refreshing: boolean;
}

export interface FiguresCacheOptions {
  readonly freshMs: number;
  readonly minRefreshMs: number;
  readonly maxStaleMs: number;
  readonly maxEntries: number;
  readonly now: () => number;
  readonly onRefreshFailed: (error: unknown) => void;
}

interface Entry<T> {
  value: T;
  asOf: number;
  dirty: boolean;
  refreshing: Promise<void> | null;
}

export const createFiguresCache = <T>(options: FiguresCacheOptions): FiguresCache<T> => {
  // A Map iterates in insertion order: re-inserting on each view makes the first key the least recent.
  const entries = new Map<string, Entry<T>>();
  // Concurrent first views of one scope share one computation.
  const pending = new Map<string, Promise<Entry<T>>>();

  const keep = (key: string, entry: Entry<T>) => {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
  };

  const computeNow = (key: string, compute: () => Promise<T>): Promise<Entry<T>> => {
    const inFlight = pending.get(key);
    if (inFlight) return inFlight;
    const asOf = options.now();
    const started = compute()
      .then((value) => {
        const entry: Entry<T> = { value, asOf, dirty: false, refreshing: null };
        keep(key, entry);
        return entry;
      })
      .finally(() => pending.delete(key));
    pending.set(key, started);
    return started;
  };

  const refreshLater = (key: string, entry: Entry<T>, compute: () => Promise<T>) => {
    const asOf = options.now();
    // Cleared before computing: a change made during the pass marks the new figures dirty again.
    entry.dirty = false;
    entry.refreshing = compute().then(
      (value) => {
        const dirty = entry.dirty;
        const next: Entry<T> = { value, asOf, dirty, refreshing: null };
        if (entries.get(key) === entry) keep(key, next);
        entry.refreshing = null;
      },
      (error: unknown) => {
        // The kept figures stay (they are still within maxStaleMs); the next view tries again.
        entry.dirty = true;
        entry.refreshing = null;
        options.onRefreshFailed(error);
      },
    );
  };

  return {
    async get(key, compute) {
      const now = options.now();
      const entry = entries.get(key);
      if (!entry || now - entry.asOf > options.maxStaleMs) {
        const fresh = await computeNow(key, compute);
        return { value: fresh.value, asOf: fresh.asOf, refreshing: false };
      }
      keep(key, entry);
      const age = now - entry.asOf;
      const due = (entry.dirty || age > options.freshMs) && age >= options.minRefreshMs;
      if (due && !entry.refreshing) refreshLater(key, entry, compute);
      return {
        value: entry.value,
        asOf: entry.asOf,
        refreshing: entry.refreshing !== null || entry.dirty || age > options.freshMs,
      };
    },
    invalidate() {
      for (const entry of entries.values()) entry.dirty = true;
    },
  };
};
