import pg from "pg";

/** One ticket as stored, with its requester and the messages it holds. */
export interface StoredTicket {
  readonly number: number;
  readonly channel: string;
  /** contact.platform_user_id of the requester. */
  readonly requester: string;
  readonly subject: string;
  readonly department: string;
  readonly priority: string;
  readonly type: string;
  /** Bodies of its MESSAGE events, oldest first. */
  readonly messages: readonly string[];
}

export interface StoredOutcome {
  readonly tickets: readonly StoredTicket[];
  /** inbound_receipt keys: every update or message id a channel recorded as taken. */
  readonly receipts: ReadonlySet<string>;
  /** outbox items by "<kind> <state>". */
  readonly outbox: ReadonlyMap<string, number>;
}

const TICKETS = `
  SELECT t.number, t.channel::text AS channel, c.platform_user_id AS requester, t.subject, t.department,
         t.priority::text AS priority, t.type,
         COALESCE(array_agg(e.body ORDER BY e.id) FILTER (WHERE e.kind = 'MESSAGE'), '{}') AS messages
    FROM ticket t
    JOIN contact c ON c.id = t.requester_contact_id
    LEFT JOIN ticket_event e ON e.ticket_id = t.id
   GROUP BY t.id, c.platform_user_id
   ORDER BY t.number`;

/** What the services left in the database after a run, read with plain SQL. */
export const readStoredOutcome = async (databaseUrl: string): Promise<StoredOutcome> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tickets = await client.query<StoredTicket>(TICKETS);
    const receipts = await client.query<{ key: string }>("SELECT key FROM inbound_receipt");
    const outbox = await client.query<{ kind: string; state: string; n: string }>(
      "SELECT kind, state::text AS state, count(*) AS n FROM outbox_item GROUP BY kind, state",
    );
    return {
      tickets: tickets.rows,
      receipts: new Set(receipts.rows.map((r) => r.key)),
      outbox: new Map(outbox.rows.map((r) => [`${r.kind} ${r.state}`, Number(r.n)])),
    };
  } finally {
    await client.end();
  }
};

/** Waits until no outbox item is pending (dead instances' claims come back when their lease ends). */
export const waitForOutboxDrained = async (databaseUrl: string, timeoutMs: number): Promise<number> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM outbox_item WHERE state = 'PENDING'",
      );
      const pending = Number(rows[0]!.n);
      if (pending === 0 || Date.now() > deadline) return pending;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await client.end();
  }
};
