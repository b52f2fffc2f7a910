/** Who a web console session acts for. Agents and admins come from Slack or the CLI; suppliers from chat. */
export type WebPrincipal =
  | {
      readonly kind: "agent";
      readonly id: string;
      readonly name: string;
      /** The Slack user it stands for, re-checked against Slack's agents on every request; null from the CLI. */
      readonly slackUser: string | null;
      readonly admin: boolean;
    }
  | { readonly kind: "supplier"; readonly contactId: string };

export interface WebSession {
  readonly id: string;
  readonly principal: WebPrincipal;
  /** Sent back in a header with every change; a request without it is refused. */
  readonly csrf: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/**
 * Console sessions and spent sign-in links, kept server-side (Redis when configured, memory
 * otherwise) so a cookie carries only an opaque id and a link works once.
 */
export interface WebSessions {
  save(session: WebSession): Promise<void>;
  find(id: string, now: Date): Promise<WebSession | null>;
  remove(id: string): Promise<void>;
  /** True the first time a link id is spent, false ever after (until `untilMs`, when the link is dead anyway). */
  spendLink(linkId: string, untilMs: number, now: Date): Promise<boolean>;
}
