import type { SortField } from "../../core/ports/ticket-repository.js";

/** Keyset position: the sort value of the last item and its number as tie-breaker. */
export interface CursorPosition {
  readonly field: SortField;
  readonly value: string | number;
  readonly number: number;
}

export const encodeCursor = (position: CursorPosition): string =>
  Buffer.from(JSON.stringify(position)).toString("base64url");

/** A cursor that does not decode, or was made for another sort, starts from the beginning. */
export const decodeCursor = (cursor: string | undefined, field: SortField): CursorPosition | null => {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<CursorPosition>;
    const valid =
      parsed.field === field &&
      (typeof parsed.value === "string" || typeof parsed.value === "number") &&
      typeof parsed.number === "number";
    return valid ? (parsed as CursorPosition) : null;
  } catch {
    return null;
  }
};

export const PRIORITY_RANK = { LOW: 0, MEDIUM: 1, HIGH: 2 } as const;
