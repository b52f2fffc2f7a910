import type { SortField, TicketQuery } from "../../../core/ports/ticket-repository.js";
import { fold } from "../../../core/shared/fold.js";
import { PRIORITIES } from "../../../core/ticket/priority.js";
import { isClosed, TICKET_STATUSES } from "../../../core/ticket/status.js";
import { type CursorPosition, decodeCursor } from "../cursor.js";
import { Prisma } from "./client.js";

const SORT_COLUMN: Record<SortField, Prisma.Sql> = {
  createdAt: Prisma.sql`t.created_at`,
  updatedAt: Prisma.sql`t.updated_at`,
  number: Prisma.sql`t.number`,
  priority: Prisma.sql`t.priority`,
};

/** The tsquery matching accent-folded words with Portuguese or English stemming. */
export const textQuery = (text: string): Prisma.Sql => {
  const folded = fold(text);
  return Prisma.sql`(websearch_to_tsquery('portuguese', ${folded}) || websearch_to_tsquery('english', ${folded}))`;
};

/** Any of the words, for relevance-ranked suggestions. */
export const anyWordQuery = (text: string): Prisma.Sql => {
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
  const query = words.join(" or ");
  return Prisma.sql`(websearch_to_tsquery('portuguese', ${query}) || websearch_to_tsquery('english', ${query}))`;
};

/** The search vector of a text, indexed the same way `textQuery` searches it. */
export const textVector = (text: string): Prisma.Sql => {
  const folded = fold(text);
  return Prisma.sql`(to_tsvector('portuguese', ${folded}) || to_tsvector('english', ${folded}))`;
};

const cursorValue = (position: CursorPosition): Prisma.Sql => {
  if (position.field === "number") return Prisma.sql`${position.value}::int`;
  if (position.field === "priority") return Prisma.sql`${position.value}::"Priority"`;
  return Prisma.sql`${position.value}::timestamptz`;
};

/**
 * Compared as the enum, not as text: a cast column hides both its indexes and its statistics (a status
 * filter was estimated at a few rows and planned as a scan of the whole table). One parameter per value,
 * because an enum array parameter is estimated blindly and PGlite cannot send one. Values outside the
 * enum match nothing, as they did as text; they are dropped because the cast would refuse them.
 */
const oneOf = (column: Prisma.Sql, type: string, values: readonly string[], allowed: readonly string[]) => {
  const known = values.filter((v) => allowed.includes(v));
  const cast = Prisma.raw(`::"${type}"`);
  return known.length === 0
    ? Prisma.sql`false`
    : Prisma.sql`${column} IN (${Prisma.join(known.map((v) => Prisma.sql`${v}${cast}`))})`;
};

const OPEN_STATUSES = TICKET_STATUSES.filter((s) => !isClosed(s));

export const filters = (query: Omit<TicketQuery, "limit">): Prisma.Sql[] => {
  const where: Prisma.Sql[] = [];
  if (query.statuses)
    where.push(oneOf(Prisma.sql`t.status`, "TicketStatus", query.statuses, TICKET_STATUSES));
  if (query.priorities) where.push(oneOf(Prisma.sql`t.priority`, "Priority", query.priorities, PRIORITIES));
  if (query.departments) where.push(Prisma.sql`t.department = ANY(${[...query.departments]}::text[])`);
  if (query.types) where.push(Prisma.sql`t.type = ANY(${[...query.types]}::text[])`);
  if (query.organizationId) where.push(Prisma.sql`t.organization_id = ${query.organizationId}::uuid`);
  if (query.requesterPersonId)
    where.push(Prisma.sql`t.requester_person_id = ${query.requesterPersonId}::uuid`);
  if (query.assigneeId) where.push(Prisma.sql`t.assignee_id = ${query.assigneeId}`);
  if (query.tags) where.push(Prisma.sql`t.tags @> ${[...query.tags]}::text[]`);
  if (query.unassigned) where.push(Prisma.sql`t.assignee_id IS NULL`);
  if (query.slaBreached)
    where.push(
      Prisma.sql`${oneOf(Prisma.sql`t.status`, "TicketStatus", OPEN_STATUSES, TICKET_STATUSES)} AND (t.sla_first_breached_at IS NOT NULL OR t.sla_res_breached_at IS NOT NULL)`,
    );
  if (query.createdFrom) where.push(Prisma.sql`t.created_at >= ${query.createdFrom}`);
  if (query.createdTo) where.push(Prisma.sql`t.created_at < ${query.createdTo}`);
  if (query.text) {
    const tsquery = query.textMode === "any" ? anyWordQuery(query.text) : textQuery(query.text);
    where.push(Prisma.sql`t.search_vector @@ ${tsquery}`);
  }
  return where;
};

/**
 * A text search first reads only the first TEXT_WINDOW tickets in the page's order (past the cursor):
 * when a full page matches there, that is the page, since every later ticket sorts after all of them.
 * Otherwise matches are sparse, and all of them come from the text index and are sorted. Both steps are
 * bounded, where walking the sort order alone reads the whole table for a word found in few tickets or
 * none; the planner walks anyway, because it estimates a word it has no statistics for at 0.1–0.5%.
 */
const TEXT_WINDOW = 10_000;

/** The sort orders with an index of their own (what bounds the window), and their ends. */
const WINDOWED: Partial<Record<SortField, { column: Prisma.Sql; first: Prisma.Sql; last: Prisma.Sql }>> = {
  createdAt: {
    column: Prisma.sql`h.created_at`,
    first: Prisma.sql`'-infinity'::timestamptz`,
    last: Prisma.sql`'infinity'::timestamptz`,
  },
  updatedAt: {
    column: Prisma.sql`h.updated_at`,
    first: Prisma.sql`'-infinity'::timestamptz`,
    last: Prisma.sql`'infinity'::timestamptz`,
  },
  number: { column: Prisma.sql`h.number`, first: Prisma.sql`0`, last: Prisma.sql`2147483647` },
};

const whereOf = (conditions: Prisma.Sql[]): Prisma.Sql =>
  conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

export interface PageOfIds {
  readonly field: SortField;
  readonly sql: Prisma.Sql;
  /** For a text search: run when `sql` found no more than a page; the same page from every match. */
  readonly sparse?: Prisma.Sql;
}

/** One keyset page of ticket ids: filters, then (sort column, number) past the cursor. */
export const pageOfIds = (query: TicketQuery): PageOfIds => {
  const field = query.sort?.field ?? "createdAt";
  if (query.text && query.textMode === "any") {
    const where = filters(query);
    return {
      field,
      sql: Prisma.sql`SELECT t.id FROM ticket t WHERE ${Prisma.join(where, " AND ")}
        ORDER BY ts_rank(t.search_vector, ${anyWordQuery(query.text)}) DESC, t.number DESC LIMIT ${query.limit}`,
    };
  }
  const desc = (query.sort?.direction ?? "desc") === "desc";
  const column = SORT_COLUMN[field];
  const where = filters(query);
  const after = decodeCursor(query.cursor, field);
  const value = after ? cursorValue(after) : null;
  if (after && value) {
    where.push(
      desc
        ? Prisma.sql`(${column}, t.number) < (${value}, ${after.number}::int)`
        : Prisma.sql`(${column}, t.number) > (${value}, ${after.number}::int)`,
    );
  }
  const order = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const limit = query.limit + 1;
  const select = (conditions: Prisma.Sql[]) =>
    Prisma.sql`SELECT t.id FROM ticket t ${whereOf(conditions)} ORDER BY ${column} ${order}, t.number ${order} LIMIT ${limit}`;
  const windowed = WINDOWED[field];
  if (!query.text || !windowed) return { field, sql: select(where) };
  const h = windowed.column;
  const past = value
    ? desc
      ? Prisma.sql`WHERE ${h} <= ${value}`
      : Prisma.sql`WHERE ${h} >= ${value}`
    : Prisma.empty;
  const edge = Prisma.sql`(SELECT ${h} FROM ticket h ${past} ORDER BY ${h} ${order} OFFSET ${TEXT_WINDOW} LIMIT 1)`;
  const bound = desc
    ? Prisma.sql`${column} >= COALESCE(${edge}, ${windowed.first})`
    : Prisma.sql`${column} <= COALESCE(${edge}, ${windowed.last})`;
  return {
    field,
    sql: select([...where, bound]),
    // Materialized, so the matches are gathered whole (by the text index) instead of by walking the sort order.
    sparse: Prisma.sql`WITH hits AS MATERIALIZED (SELECT t.id, ${column} AS sort_value, t.number FROM ticket t ${whereOf(where)})
      SELECT id FROM hits ORDER BY sort_value ${order}, number ${order} LIMIT ${limit}`,
  };
};
