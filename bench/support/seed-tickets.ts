import pg from "pg";
import { fold } from "../../src/core/shared/fold.js";
import { type SeededDirectory, seedDirectory } from "./seed-directory.js";
import { ticketChunkSql } from "./seed-tickets-sql.js";
import { pickTable, vocabulary } from "./ticket-words.js";

export interface SeededTickets extends SeededDirectory {
  readonly count: number;
  readonly ms: number;
}

const ORGANIZATIONS = 50;
const PEOPLE = 300;
const CHUNK = 100_000;
/** Two lanes: the machine the benchmark is written for has two cores. */
const LANES = 2;
const PICK_SIZE = 200_000;
const HISTORY_SECONDS = 730 * 86_400;
/** Tickets whose search vector is recomputed from their text by the storage's own rule after seeding. */
const VECTOR_SAMPLE = 20;

/** Secondary indexes of the tables being filled: dropped during the load, rebuilt once at the end. */
const dropIndexes = async (client: pg.ClientBase): Promise<string[]> => {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename IN ('ticket', 'ticket_event')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.name}"`);
  return rows.map((r) => r.definition);
};

/**
 * The seed's text must index exactly as the storage indexes it: fold() in TypeScript, then
 * portuguese || english. A sample is recomputed that way and compared with what was stored.
 */
const checkVectors = async (client: pg.ClientBase, count: number): Promise<void> => {
  const { rows } = await client.query<{ number: number; subject: string; body: string; stored: string }>(
    `SELECT t.number, t.subject, e.body, t.search_vector::text AS stored
     FROM ticket t JOIN ticket_event e ON e.ticket_id = t.id
     WHERE t.number = ANY($1::int[])`,
    [Array.from({ length: VECTOR_SAMPLE }, (_, i) => 1 + Math.floor((i * count) / VECTOR_SAMPLE))],
  );
  for (const row of rows) {
    const text = fold(`${row.subject} ${row.body}`);
    const { rows: expected } = await client.query<{ v: string }>(
      `SELECT (to_tsvector('portuguese', $1) || to_tsvector('english', $1))::text AS v`,
      [text],
    );
    if (expected[0]!.v !== row.stored)
      throw new Error(`seeded ticket ${row.number} has a search vector the storage would not write`);
  }
};

/**
 * Seeding sessions only: the rows reference ids this seed just wrote, so the foreign-key triggers are
 * skipped, commits need not wait for the disk, and index builds may sort in memory.
 */
const SESSION =
  "SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '256MB'";

/** Runs `task(i)` for i in [0, count) on the lanes' own sessions, one task per lane at a time. */
const onLanes = async (
  lanes: readonly pg.Client[],
  count: number,
  task: (client: pg.Client, i: number) => Promise<void>,
) => {
  let next = 0;
  await Promise.all(
    lanes.map(async (client) => {
      for (let i = next++; i < count; i = next++) await task(client, i);
    }),
  );
};

/**
 * Fills a migrated, empty database with `count` tickets (one opening message each) by set-based SQL,
 * bypassing the core: over two years, ~50 organizations and a few hundred requesters, every status,
 * priority, department and type, subjects and messages drawn from a Portuguese/English vocabulary.
 */
export const seedTickets = async (
  databaseUrl: string,
  count: number,
  progress: (line: string) => void,
): Promise<SeededTickets> => {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const lanes = Array.from({ length: LANES }, () => new pg.Client({ connectionString: databaseUrl }));
  try {
    for (const client of lanes) {
      await client.connect();
      await client.query(SESSION);
    }
    const first = lanes[0]!;
    const directory = await seedDirectory(first, ORGANIZATIONS, PEOPLE);
    const indexes = await dropIndexes(first);
    const words = vocabulary();
    const people = directory.people;
    const end = new Date();
    const pick = pickTable(PICK_SIZE);
    const sql = ticketChunkSql({
      total: count,
      people: people.length,
      pickSize: pick.length,
      historySeconds: HISTORY_SECONDS,
    });
    const fixed = [
      words,
      words.map(fold),
      pick,
      people.map((p) => p.personId),
      people.map((p) => p.organizationId),
      people.map((p) => p.contactId),
      people.map((p) => p.channel),
      people.map((p) => p.name),
      new Date(end.getTime() - HISTORY_SECONDS * 1000),
      end,
    ];
    const chunk = Math.min(CHUNK, Math.ceil(count / LANES));
    let done = 0;
    await onLanes(lanes, Math.ceil(count / chunk), async (client, i) => {
      const from = 1 + i * chunk;
      const to = Math.min(count, from + chunk - 1);
      await client.query(sql, [from, to, ...fixed]);
      done += to - from + 1;
      progress(
        `seed: ${done.toLocaleString("en-US")}/${count.toLocaleString("en-US")} tickets (${elapsed()})`,
      );
    });
    await onLanes(lanes, indexes.length, async (client, i) => {
      await client.query(indexes[i]!);
    });
    progress(`seed: ${indexes.length} indexes rebuilt (${elapsed()})`);
    await first.query(
      `INSERT INTO ticket_counter (id, value) VALUES ('ticket', $1)
       ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value`,
      [count],
    );
    // A long-lived table has been vacuumed and analyzed: plans and index-only scans depend on both.
    await first.query("VACUUM (ANALYZE) ticket, ticket_event, organization, person, contact");
    await checkVectors(first, count);
    progress(`seed: ${count.toLocaleString("en-US")} tickets ready (${elapsed()})`);
    return { ...directory, count, ms: performance.now() - started };
  } finally {
    await Promise.all(lanes.map((client) => client.end()));
  }
};
