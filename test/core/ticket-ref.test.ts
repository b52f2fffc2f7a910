import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTicketId, parseTicketRef } from "../../src/core/ticket/ticket-ref.js";

describe("ticket ids", () => {
  it("pads to six digits and grows past 999999", () => {
    expect(formatTicketId(1)).toBe("TKT-000001");
    expect(formatTicketId(123)).toBe("TKT-000123");
    expect(formatTicketId(999_999)).toBe("TKT-999999");
    expect(formatTicketId(1_000_000)).toBe("TKT-1000000");
  });

  it.each([
    ["TKT-000123", 123],
    ["tkt-000123", 123],
    ["TKT123", 123],
    ["000123", 123],
    ["123", 123],
    [" #TKT-000007 ", 7],
  ])("reads %s as %i", (input, expected) => {
    expect(parseTicketRef(input)).toBe(expected);
  });

  it.each(["", "TKT-", "0", "abc", "TKT-12a", "12 34", "-5", "99999999999999"])("refuses %j", (input) => {
    expect(parseTicketRef(input)).toBeNull();
  });

  it("round-trips every id it formats", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_147_483_647 }), (n) => parseTicketRef(formatTicketId(n)) === n),
    );
  });
});
