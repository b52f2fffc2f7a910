import type { Clock } from "../../core/ports/clock.js";
import { type LinkSubject, signLink } from "./link-token.js";

/** Makes sign-in links for the doors that hand them out: Slack, the CLI and chat. */
export interface WebLinks {
  forAgent(subject: { slackUser: string | null; name: string; admin: boolean }): string;
  forSupplier(contactId: string): string;
  /** Minutes a link stays usable, for the message that carries it. */
  readonly minutes: number;
}

export const createWebLinks = (options: {
  secret: string;
  publicUrl: string;
  linkMs: number;
  clock: Clock;
}): WebLinks => {
  const url = (sub: LinkSubject) => {
    const token = signLink(options.secret, sub, new Date(options.clock.now().getTime() + options.linkMs));
    return `${options.publicUrl}/app/login?t=${token}`;
  };
  return {
    forAgent: (s) => url({ kind: "agent", ...s }),
    forSupplier: (contactId) => url({ kind: "supplier", contactId }),
    minutes: Math.round(options.linkMs / 60_000),
  };
};
