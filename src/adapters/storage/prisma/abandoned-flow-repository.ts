import type { AbandonedFlowLog } from "../../../core/ports/abandoned-flows.js";
import type { PrismaClient } from "./client.js";

/** One row per abandoned flow in `abandoned_flow`; the "abandoned at triage" figures group them by flow and step. */
export const createPrismaAbandonedFlowLog = (prisma: PrismaClient): AbandonedFlowLog => ({
  async record(flow) {
    await prisma.abandonedFlow.create({
      data: {
        contactId: flow.contactId,
        flow: flow.flow,
        step: flow.step,
        reason: flow.reason,
        createdAt: flow.at,
      },
    });
  },
});
