import type { AbandonedFlow, AbandonedFlowLog } from "../../../core/ports/abandoned-flows.js";

/** Abandoned flows kept in this process, for tests; `entries` shows what was recorded. */
export const createMemoryAbandonedFlowLog = (): AbandonedFlowLog & {
  entries(): readonly AbandonedFlow[];
} => {
  const recorded: AbandonedFlow[] = [];
  return {
    async record(flow) {
      recorded.push(flow);
    },
    entries: () => [...recorded],
  };
};
