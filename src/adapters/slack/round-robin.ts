/**
 * The next agent in turn for a new ticket. Ticket numbers are consecutive, so taking the agents in
 * id order and the number modulo their count spreads tickets evenly with no state to share
 * between instances.
 */
export const pickInTurn = (agents: readonly string[], ticketNumber: number): string | null => {
  if (agents.length === 0) return null;
  const sorted = [...agents].sort();
  return sorted[ticketNumber % sorted.length] ?? null;
};
