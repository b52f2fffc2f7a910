import { z } from "zod";
import { textProblem } from "../../core/ticket/text-rule.js";
import { readCursor } from "./cursor.js";

/** What encode writes: a name the directory could hold (stored text, so no NUL) and a row id. */
const position = z.tuple([
  z
    .string()
    .max(1000)
    .refine((name) => textProblem(name) === null),
  z.uuid(),
]);

/** Name-order keyset cursors: the last row's name and id, opaque to callers. */
export const listingCursor = {
  encode: (name: string, id: string) => Buffer.from(JSON.stringify([name, id])).toString("base64url"),
  /**
   * The position a cursor names; null without one. Anything this service did not write throws
   * InvalidCursorError (400), as ticket cursors do, rather than reaching the database as a forged name
   * or id, or being read as "from the start".
   */
  decode(cursor: string | undefined): { name: string; id: string } | null {
    if (!cursor) return null;
    const [name, id] = readCursor(cursor, position);
    return { name, id };
  },
};
