import type { SortField, TicketQuery } from "../../../core/ports/ticket-repository.js";
import { fold } from "../../../core/shared/fold.js";
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

const cursorValue = (field: SortField, position: CursorPosition): Prisma.Sql => {
  if (field === "number") return Prisma.sql`${Number(position.value)}::int`;
  if (field === "priority") return Prisma.sql`${String(position.value)}::"Priority"`;
  return Prisma.sql`${String(position.value)}::timestamptz`;
};

export const filters = (query: Omit<TicketQuery, "limit">): Prisma.Sql[] => {
  const where: Prisma.Sql[] = [];
  if (query.statuses) where.push(Prisma.sql`t.status::text = ANY(${[...query.statuses]}::text[])`);
  if (query.priorities) where.push(Prisma.sql`t.priority::text = ANY(${[...query.priorities]}::text[])`);
  if (query.departments) where.push(Prisma.sql`t.department = ANY(${[...query.departments]}::text[])`);
  if (query.types) where.push(Prisma.sql`t.type = ANY(${[...query.types]}::text[])`);
  if (query.organizationId) where.push(Prisma.sql`t.organization_id = ${query.organizationId}::uuid`);
  if (query.requesterPersonId)
    where.push(Prisma.sql`t.requester_person_id = ${query.requesterPersonId}::uuid`);
  if (query.assigneeId) where.push(Prisma.sql`t.assignee_id = ${query.assigneeId}`);
  if (query.createdFrom) where.push(Prisma.sql`t.created_at >= ${query.createdFrom}`);
  if (query.createdTo) where.push(Prisma.sql`t.created_at < ${query.createdTo}`);
  if (query.text) {
    const tsquery = query.textMode === "any" ? anyWordQuery(query.text) : textQuery(query.text);
    where.push(Prisma.sql`t.search_vector @@ ${tsquery}`);
  }
  return where;
};

/** One keyset page of ticket ids: filters, then (sort column, number) past the cursor. */
export const pageOfIds = (query: TicketQuery): { sql: Prisma.Sql; field: SortField } => {
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
  if (after) {
    const value = cursorValue(field, after);
    where.push(
      desc
        ? Prisma.sql`(${column}, t.number) < (${value}, ${after.number}::int)`
        : Prisma.sql`(${column}, t.number) > (${value}, ${after.number}::int)`,
    );
  }
  const clause = where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const order = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return {
    field,
    sql: Prisma.sql`SELECT t.id FROM ticket t ${clause} ORDER BY ${column} ${order}, t.number ${order} LIMIT ${query.limit + 1}`,
  };
};
