import pg from "pg";
import { buildCore, type Core } from "../../src/app/container.js";
import { createNotificationPolicy } from "../../src/core/outbox/notification-policy.js";
import { actorOf, identityOf, type RequesterActor } from "../../src/core/ticket/requester-of.js";
import type { RequesterIdentity } from "../../src/core/ticket/service.js";
import { testConfig } from "../../testkit/spawn-service.js";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { perSecond, runPool, timed } from "../stats.js";
import { withBenchDatabase } from "../support/servers.js";

/** In flight at once, for the core and the floor alike; both pools hold pg's default 10 connections. */
const CONCURRENCY = 16;
const POOL_SIZE = 10;
const REQUESTERS = 50;
const WARM_UP = 30;

type Requester = { actor: RequesterActor; identity: RequesterIdentity };

const ticketInput = (i: number) => ({
  subject: `Pedido ${i} não chegou ao depósito`,
  department: "technical",
  priority: "MEDIUM",
  type: "support",
  message: `O pedido ${i} saiu do armazém ontem e ainda não foi entregue; podem verificar?`,
});

const requesters = async (core: Core): Promise<Requester[]> => {
  const out: Requester[] = [];
  for (let i = 0; i < REQUESTERS; i++) {
    const contact = await core.directory.ensureContact({
      channel: "TELEGRAM",
      platformUserId: `bench-${i}`,
      displayName: `Fornecedor ${i}`,
      organization: { key: `bench-org-${i % 10}`, name: `Org ${i % 10}` },
      registered: true,
      role: "MEMBER",
    });
    out.push({ identity: identityOf(contact), actor: actorOf(contact) });
  }
  return out;
};

interface Written {
  readonly ms: number;
  readonly tickets: number;
  /** Outbox rows per ticket, so the floor writes as many. */
  readonly outboxPerTicket: number;
  readonly samplePayload: unknown;
  readonly requesters: readonly RequesterIdentity[];
}

/** Tickets through the core service: validation, numbering, history and outbox in one transaction each. */
const throughCore = async (databaseUrl: string, count: number): Promise<Written> => {
  const config = await testConfig({ DATABASE_URL: databaseUrl, DATABASE_MIGRATE_ON_START: "false" });
  // The service's own policy, with Slack as the agents' channel, so every ticket writes its real outbox rows.
  const notify = createNotificationPolicy({ deliverable: () => true, agentChannel: () => "SLACK" });
  const core = await buildCore(config, { serveEmbedded: false, notify });
  try {
    const people = await requesters(core);
    const create = async (i: number) => {
      const who = people[i % people.length]!;
      const created = await core.service.create(who.actor, who.identity, ticketInput(i));
      if (!created.ok) throw new Error(`core refused a ticket: ${JSON.stringify(created.error)}`);
    };
    await runPool(WARM_UP, CONCURRENCY, create);
    const { ms } = await timed(() => runPool(count, CONCURRENCY, (i) => create(WARM_UP + i)));
    const prisma = core.db!.prisma;
    const tickets = await prisma.ticket.count();
    const outbox = await prisma.outboxItem.findMany({ take: 1 });
    if (tickets !== count + WARM_UP) throw new Error(`expected ${count + WARM_UP} tickets, found ${tickets}`);
    return {
      ms,
      tickets,
      outboxPerTicket: (await prisma.outboxItem.count()) / tickets,
      samplePayload: outbox[0]?.payload ?? {},
      requesters: people.map((p) => p.identity),
    };
  } finally {
    await core.close();
  }
};

const organizationSql = `
  INSERT INTO organization (id, key, name) VALUES ($1::uuid, $2, $3) ON CONFLICT DO NOTHING`;

/** The floor: the same rows by one hand-written SQL transaction per ticket, no ORM, no validation. */
const throughSql = async (
  databaseUrl: string,
  count: number,
  shape: Pick<Written, "outboxPerTicket" | "samplePayload" | "requesters">,
): Promise<number> => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  // The throwaway database is dropped WITH (FORCE) at the end; pg may still hold a closing client then.
  pool.on("error", () => {});
  try {
    // The same requesters, copied by the core run's directory writes into this database by hand.
    const people = await copyDirectory(pool, shape.requesters);
    const payload = JSON.stringify(shape.samplePayload);
    const perTicket = Math.round(shape.outboxPerTicket);
    const create = async (i: number) => {
      const who = people[i % people.length]!;
      const input = ticketInput(i);
      const id = crypto.randomUUID();
      const now = new Date();
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query(
          `WITH next AS (
             INSERT INTO ticket_counter (id, value) VALUES ('ticket', 1)
             ON CONFLICT (id) DO UPDATE SET value = ticket_counter.value + 1 RETURNING value)
           INSERT INTO ticket (id, number, subject, department, priority, type, status, channel,
             requester_contact_id, requester_person_id, organization_id, created_at, updated_at,
             status_changed_at, requester_last_msg_at, search_vector)
           SELECT $1::uuid, next.value, $2, $3, $4::"Priority", $5, 'NEW'::"TicketStatus", 'TELEGRAM'::"Channel",
             $6::uuid, $7::uuid, $8::uuid, $9, $9, $9, $9,
             to_tsvector('portuguese', $10) || to_tsvector('english', $10)
           FROM next`,
          [
            id,
            input.subject,
            input.department,
            input.priority,
            input.type,
            who.contactId,
            who.personId,
            who.organizationId,
            now,
            `${input.subject} ${input.message}`,
          ],
        );
        await client.query(
          `INSERT INTO ticket_event (ticket_id, kind, actor_kind, actor_id, actor_name, body, created_at)
           VALUES ($1::uuid, 'MESSAGE', 'REQUESTER', $2, $3, $4, $5)`,
          [id, who.contactId, who.displayName, input.message, now],
        );
        for (let k = 0; k < perTicket; k++) {
          await client.query(
            `INSERT INTO outbox_item (key, channel, kind, ticket_id, scope, payload, available_at, created_at)
             VALUES ($1, 'SLACK', 'ticket_created', $2::uuid, 'agents', $3::jsonb, $4, $4)
             ON CONFLICT (key) DO NOTHING`,
            [`${id}:created:${k}`, id, payload, now],
          );
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    };
    await runPool(WARM_UP, CONCURRENCY, create);
    const { ms } = await timed(() => runPool(count, CONCURRENCY, (i) => create(WARM_UP + i)));
    const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM ticket");
    if (Number(rows[0]!.n) !== count + WARM_UP) throw new Error(`floor wrote ${rows[0]!.n} tickets`);
    return ms;
  } finally {
    await pool.end();
  }
};

/** Recreates the core run's organizations, people and contacts in the floor's database. */
const copyDirectory = async (
  pool: pg.Pool,
  people: readonly RequesterIdentity[],
): Promise<RequesterIdentity[]> => {
  for (const [i, p] of people.entries()) {
    await pool.query(organizationSql, [p.organizationId, `bench-org-${p.organizationId}`, `Org ${i}`]);
    await pool.query(
      `INSERT INTO person (id, organization_id, name, role) VALUES ($1::uuid, $2::uuid, $3, 'MEMBER')`,
      [p.personId, p.organizationId, p.displayName],
    );
    await pool.query(
      `INSERT INTO contact (id, person_id, channel, platform_user_id, display_name)
       VALUES ($1::uuid, $2::uuid, 'TELEGRAM', $3, $4)`,
      [p.contactId, p.personId, `bench-${i}`, p.displayName],
    );
  }
  return [...people];
};

const measure = async (ctx: ScenarioContext, count: number): Promise<Measurement> => {
  ctx.progress(`core-create: ${count} tickets through the core`);
  const core = await withBenchDatabase(ctx.databaseUrl, (db) => throughCore(db.url, count));
  ctx.progress(`core-create: ${count} tickets by raw SQL (floor)`);
  const floorMs = await withBenchDatabase(ctx.databaseUrl, (db) => throughSql(db.url, count, core));
  const figure = perSecond(count, core.ms);
  const floor = perSecond(count, floorMs);
  const ratio = figure / floor;
  return {
    scenario: "core-create",
    size: `n=${count} c=${CONCURRENCY}`,
    metric: "tickets opened",
    unit: "tickets/s",
    figure,
    floor,
    ratio,
    target: { text: "≥ 50% of raw SQL", holds: ratio >= 0.5 },
  };
};

export const coreCreate: Scenario = {
  name: "core-create",
  describe: "tickets per second through the core on PostgreSQL vs one raw SQL transaction per ticket",
  async run(ctx) {
    const sizes = ctx.quick ? [100, 400] : [1000, 4000, 10000];
    const out: Measurement[] = [];
    for (const size of sizes) out.push(await measure(ctx, size));
    return out;
  },
};
