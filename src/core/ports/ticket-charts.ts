import type { Channel } from "../ticket/channel.js";

/** What a chart counts over: a period (created within [from, to)), and optionally one department or organization. */
export interface ChartScope {
  readonly from: Date;
  readonly to: Date;
  /** IANA zone days are cut in. */
  readonly timeZone: string;
  readonly organizationId?: string;
  readonly requesterPersonId?: string;
  readonly department?: string;
}

export interface OpenedPerDay {
  /** YYYY-MM-DD in the scope's zone. */
  readonly day: string;
  readonly channel: Channel;
  readonly count: number;
}

/**
 * Aggregates the console's dashboard draws. One method per chart; more charts (time in status,
 * SLA compliance, ratings, the intake funnel) plug in here as methods of their own.
 */
export interface TicketCharts {
  openedPerDay(scope: ChartScope): Promise<readonly OpenedPerDay[]>;
}
