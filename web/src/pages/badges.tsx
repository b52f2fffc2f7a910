import { useApp } from "../context";
import type { TicketRow } from "../types";

export const StatusBadge = ({ status }: { status: string }) => {
  const { t } = useApp();
  return (
    <span className={`badge s-${status}`}>{(t as unknown as Record<string, string>)[status] ?? status}</span>
  );
};

export const PriorityBadge = ({ priority }: { priority: string }) => {
  const { t } = useApp();
  return (
    <span className={`badge p-${priority}`}>
      {(t as unknown as Record<string, string>)[priority] ?? priority}
    </span>
  );
};

/** The worse of the ticket's two SLA clocks, in words. */
export const SlaBadge = ({ sla }: { sla: TicketRow["sla"] }) => {
  const { t } = useApp();
  const clocks = [sla.firstResponse, sla.resolution];
  const state = clocks.some((c) => c.breached)
    ? "breached"
    : clocks.some((c) => c.state === "running" && c.elapsedMs >= c.targetMs * 0.8)
      ? "warning"
      : clocks.every((c) => c.state === "stopped")
        ? "stopped"
        : clocks.some((c) => c.state === "paused")
          ? "paused"
          : "ok";
  return <span className={`badge sla-${state}`}>{t[state]}</span>;
};
