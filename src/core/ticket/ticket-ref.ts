const PREFIX = "TKT-";

/** TKT-000001; numbers past 999999 simply grow wider. */
export const formatTicketId = (ticketNumber: number): string =>
  `${PREFIX}${String(ticketNumber).padStart(6, "0")}`;

const REF = /^(?:TKT-?)?0*(\d{1,12})$/i;

/** Accepts "TKT-000123", "tkt123", "000123" or "123"; anything else is not a ticket reference. */
export const parseTicketRef = (input: string): number | null => {
  const match = REF.exec(input.trim().replace(/^#/, ""));
  if (!match?.[1]) return null;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) && value > 0 && value <= 2_147_483_647 ? value : null;
};
