import { useEffect, useRef } from "react";

/** Calls `onChange` (at most twice a second) when a ticket this session may see changes. */
export const useLiveTickets = (onChange: (ticketNumber: number) => void) => {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/app/api/events");
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.addEventListener("ticket", (e) => {
      const { number } = JSON.parse((e as MessageEvent).data) as { number: number };
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => latest.current(number), 500);
    });
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, []);
};
