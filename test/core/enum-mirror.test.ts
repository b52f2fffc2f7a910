import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "../../src/core/ticket/channel.js";
import { PRIORITIES } from "../../src/core/ticket/priority.js";
import { TICKET_STATUSES } from "../../src/core/ticket/status.js";
import { EVENT_KINDS } from "../../src/core/ticket/ticket.js";

const schema = readFileSync(join(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
const prismaEnum = (name: string): string[] => {
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1] ?? "";
  return body
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
};

describe("the Prisma schema mirrors the core's closed types", () => {
  it.each([
    ["TicketStatus", TICKET_STATUSES],
    ["Priority", PRIORITIES],
    ["Channel", CHANNELS],
    ["EventKind", EVENT_KINDS],
  ] as const)("enum %s", (name, values) => {
    expect(prismaEnum(name)).toEqual([...values]);
  });
});
