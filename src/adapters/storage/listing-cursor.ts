/** Name-order keyset cursors: the last row's name and id, opaque to callers. */
export const listingCursor = {
  encode: (name: string, id: string) => Buffer.from(JSON.stringify([name, id])).toString("base64url"),
  decode(cursor: string | undefined): { name: string; id: string } | null {
    if (!cursor) return null;
    try {
      const [name, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
      return typeof name === "string" && typeof id === "string" ? { name, id } : null;
    } catch {
      return null;
    }
  },
};
