import { z } from "zod";
import type { SortField } from "../../core/ports/ticket-repository.js";
import { PRIORITIES } from "../../core/ticket/priority.js";
import type { Ticket } from "../../core/ticket/ticket.js";

/** Keyset position: the sort value of the last item and its number as tie-breaker. */
export type CursorPosition =
  | { readonly field: "createdAt" | "updatedAt"; readonly value: string; readonly number: number }
  | { readonly field: "number"; readonly value: number; readonly number: number }
  | { readonly field: "priority"; readonly value: (typeof PRIORITIES)[number]; readonly number: number };

/**
 * A cursor this service did not give out, or one made for another sort. Thrown rather than read as
 * "from the start": a client that pages on with it would silently see the first page again. The HTTP
 * error handler answers it 400 problem+json (statusCode and code), and its message quotes nothing.
 */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
  readonly statusCode = 400;
  readonly code = "INVALID_CURSOR";
  constructor() {
    super("The cursor is not one this list gave out for this sort order; leave it out to start again.");
  }
}

const ticketNumber = z.number().int().min(1).max(2_147_483_647);
/** Exactly what toISOString writes, and a day that exists: PostgreSQL refuses 2024-02-31 outright. */
const instant = z.string().refine((v) => {
  const at = Date.parse(v);
  return Number.isFinite(at) && new Date(at).toISOString() === v;
});

const position = z.discriminatedUnion("field", [
  z.strictObject({ field: z.enum(["createdAt", "updatedAt"]), value: instant, number: ticketNumber }),
  z.strictObject({ field: z.literal("number"), value: ticketNumber, number: ticketNumber }),
  z.strictObject({ field: z.literal("priority"), value: z.enum(PRIORITIES), number: ticketNumber }),
]);

export const encodeCursor = (position: CursorPosition): string =>
  Buffer.from(JSON.stringify(position)).toString("base64url");

/** Where a page that ends with `ticket` stops, in the one encoding every repository writes. */
export const positionAfter = (ticket: Ticket, field: SortField): CursorPosition => {
  switch (field) {
    case "number":
      return { field, value: ticket.number, number: ticket.number };
    case "priority":
      return { field, value: ticket.priority, number: ticket.number };
    default:
      return { field, value: ticket[field].toISOString(), number: ticket.number };
  }
};

/** The position a cursor names; null without one. Throws InvalidCursorError for anything else. */
/**
 * What an opaque cursor (base64url JSON, as this service writes them) holds, checked by `shape`.
 * Anything else throws InvalidCursorError, so a forged value never reaches a query.
 */
export const readCursor = <T>(cursor: string, shape: z.ZodType<T>): T => {
  let json: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw new InvalidCursorError();
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success) throw new InvalidCursorError();
  return parsed.data;
};

export const decodeCursor = (cursor: string | undefined, field: SortField): CursorPosition | null => {
  if (!cursor) return null;
  const read = readCursor(cursor, position);
  if (read.field !== field) throw new InvalidCursorError();
  return read as CursorPosition;
};

export const PRIORITY_RANK = { LOW: 0, MEDIUM: 1, HIGH: 2 } as const;

/** The position's sort value as a number, for comparing in memory. */
export const sortNumberOf = (position: CursorPosition): number => {
  switch (position.field) {
    case "number":
      return position.value;
    case "priority":
      return PRIORITY_RANK[position.value];
    default:
      return Date.parse(position.value);
  }
};
