import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContentInspector } from "../../src/adapters/files/content-inspector.js";
import { createFsBlobStore } from "../../src/adapters/files/fs-blob-store.js";
import { DEFAULT_ATTACHMENT_RULES } from "../../src/core/attachments/rules.js";
import type { DirectoryRepository } from "../../src/core/ports/directory.js";
import type { TicketRepository } from "../../src/core/ports/ticket-repository.js";
import type { Channel } from "../../src/core/ticket/channel.js";
import type { NotificationPolicy } from "../../src/core/ticket/decisions.js";
import { actorOf, identityOf } from "../../src/core/ticket/requester-of.js";
import { createTicketService, type RequesterIdentity } from "../../src/core/ticket/service.js";
import { DEFAULT_TAXONOMY } from "../../src/core/ticket/taxonomy.js";
import type { Actor } from "../../src/core/ticket/ticket.js";
import { manualClock } from "../../testkit/manual-clock.js";

export interface Repositories {
  readonly tickets: TicketRepository;
  readonly directory: DirectoryRepository;
  /** The outbox items written so far, oldest first, to check they travel with their change. */
  readonly outbox: () => Promise<{ key: string; payload: unknown }[]>;
  readonly close: () => Promise<void>;
}

/** Writes one outbox item per event, so tests can see notifications are written with the change. */
export const recordingPolicy: NotificationPolicy = ({ after, events }) =>
  (events.length === 0 ? [{ kind: "CREATED" }] : events).map((e, i) => ({
    key: `${after.id}:${after.version}:${i}:${e.kind}`,
    channel: after.requester.channel,
    kind: e.kind,
    ticketId: after.id,
    scope: after.requester.contactId,
    // Shaped like the real payloads' ticket summary, whose number storage may fill in while numbering.
    payload: { status: after.status, ticket: { id: after.id, number: after.number } },
    availableAt: new Date(),
  }));

export const buildService = async (repos: Repositories, notify: NotificationPolicy = recordingPolicy) => {
  const clock = manualClock();
  const blobRoot = await mkdtemp(join(tmpdir(), "chamado-blobs-"));
  const service = createTicketService({
    tickets: repos.tickets,
    blobs: createFsBlobStore({ root: blobRoot }),
    inspector: createContentInspector(),
    clock,
    taxonomy: DEFAULT_TAXONOMY,
    attachmentRules: DEFAULT_ATTACHMENT_RULES,
    reopenWindowDays: 7,
    notify,
  });
  let seq = 0;
  /** A requester with their own person; pass an organization key to share one. */
  const requester = async (
    orgKey = `org-${++seq}`,
    options: { channel?: Channel; admin?: boolean } = {},
  ): Promise<{ actor: Actor & { kind: "requester" }; identity: RequesterIdentity }> => {
    const contact = await repos.directory.ensureContact({
      channel: options.channel ?? "TELEGRAM",
      platformUserId: `user-${++seq}-${Math.random().toString(36).slice(2)}`,
      displayName: `Requester ${seq}`,
      organization: { key: orgKey, name: `Org ${orgKey}` },
      registered: true,
      role: options.admin ? "ORG_ADMIN" : "MEMBER",
    });
    return { identity: identityOf(contact), actor: actorOf(contact) };
  };
  return { service, clock, requester, blobRoot };
};

export const agent: Actor = { kind: "agent", id: "slack:U01AGENT", name: "Ana Agent" };

export const validTicket = (overrides: Record<string, unknown> = {}) => ({
  subject: "Impressora não imprime",
  department: "technical",
  priority: "HIGH",
  type: "incident",
  message: "A impressora do setor fiscal não imprime desde ontem.",
  ...overrides,
});
