import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContentInspector } from "../../../src/adapters/files/content-inspector.js";
import { createFsBlobStore } from "../../../src/adapters/files/fs-blob-store.js";
import { createMemoryTurnStore } from "../../../src/adapters/sessions/memory-turn-store.js";
import { createMemoryAbandonedFlowLog } from "../../../src/adapters/storage/memory/abandoned-flows.js";
import { createMemoryDirectory } from "../../../src/adapters/storage/memory/directory.js";
import { createMemoryParkedFiles } from "../../../src/adapters/storage/memory/parked-files.js";
import { createMemoryTicketRepository } from "../../../src/adapters/storage/memory/ticket-repository.js";
import { DEFAULT_ATTACHMENT_RULES } from "../../../src/core/attachments/rules.js";
import type { ConversationDeps } from "../../../src/core/conversation/deps.js";
import {
  type AccessPolicy,
  type ConversationEngine,
  createConversationEngine,
  type InboundMessage,
} from "../../../src/core/conversation/index.js";
import type { OutboxDraft } from "../../../src/core/outbox/outbox-draft.js";
import type { AbandonedFlowLog } from "../../../src/core/ports/abandoned-flows.js";
import type { BlobStore } from "../../../src/core/ports/blob-store.js";
import type { DirectoryRepository } from "../../../src/core/ports/directory.js";
import type { KnowledgeBase } from "../../../src/core/ports/knowledge-base.js";
import type { Outbox } from "../../../src/core/ports/outbox.js";
import type { ParkedFiles } from "../../../src/core/ports/parked-files.js";
import type { TicketRepository } from "../../../src/core/ports/ticket-repository.js";
import type { TurnStore } from "../../../src/core/ports/turn-store.js";
import type { Channel } from "../../../src/core/ticket/channel.js";
import { createTicketService } from "../../../src/core/ticket/service.js";
import { DEFAULT_TAXONOMY } from "../../../src/core/ticket/taxonomy.js";
import { manualClock } from "../../../testkit/manual-clock.js";

export const IDLE_MINUTES = 30;

/** Small limits so the refusals are quick to provoke. */
export const TEST_ATTACHMENT_RULES = { ...DEFAULT_ATTACHMENT_RULES, maxBytes: 64 * 1024 };

export interface SessionParts {
  readonly turns: TurnStore;
}

export interface StorageParts {
  readonly tickets: TicketRepository;
  readonly directory: DirectoryRepository;
  readonly abandoned: AbandonedFlowLog & { entries?: () => readonly unknown[] };
  /** Every abandoned flow recorded so far as "flow/step/reason". */
  readonly abandonedList: () => Promise<string[]>;
  /** The flows' references to parked files, over the harness's blob store. */
  readonly parked: (blobs: BlobStore) => ParkedFiles;
  /** Where expiry notices go; an in-memory list when omitted. */
  readonly outbox?: { readonly port: Outbox; readonly kinds: () => Promise<string[]> };
  readonly close: () => Promise<void>;
}

export interface HarnessOptions {
  readonly accessPolicy?: AccessPolicy;
  /** Session backend; memory with the harness clock when omitted. */
  readonly sessions?: (clock: ReturnType<typeof manualClock>) => SessionParts;
  readonly storage?: () => Promise<StorageParts>;
  /** Articles to suggest; none when omitted. */
  readonly knowledge?: KnowledgeBase;
  /** Business hours for the away message (none when omitted). */
  readonly awayHours?: ConversationDeps["awayHours"];
}

export const memoryStorage = async (): Promise<StorageParts> => {
  const abandoned = createMemoryAbandonedFlowLog();
  const tickets = createMemoryTicketRepository();
  return {
    tickets: tickets.repository,
    parked: (blobs) => createMemoryParkedFiles({ blobs, attached: tickets.isAttached }),
    directory: createMemoryDirectory(),
    abandoned,
    abandonedList: async () => abandoned.entries().map((a) => `${a.flow}/${a.step}/${a.reason}`),
    close: async () => {},
  };
};

export const memorySessions = (clock: ReturnType<typeof manualClock>): SessionParts => ({
  turns: createMemoryTurnStore({ sessionTtlMs: IDLE_MINUTES * 60_000, waitMs: 60_000, clock }),
});

/** An engine on memory or real storage, a manual clock, and helpers to talk to it as a contact. */
export const buildEngine = async (options: HarnessOptions = {}) => {
  const clock = manualClock();
  const storage = await (options.storage ?? memoryStorage)();
  const blobRoot = await mkdtemp(join(tmpdir(), "chamado-conv-"));
  const blobs = createFsBlobStore({ root: blobRoot });
  const inspector = createContentInspector();
  const service = createTicketService({
    tickets: storage.tickets,
    blobs,
    inspector,
    clock,
    taxonomy: DEFAULT_TAXONOMY,
    attachmentRules: TEST_ATTACHMENT_RULES,
    reopenWindowDays: 7,
    notify: () => [],
  });
  const outbox: OutboxDraft[] = [];
  const memoryOutbox: Outbox = {
    async enqueue(drafts) {
      for (const d of drafts) if (!outbox.some((o) => o.key === d.key)) outbox.push(d);
    },
  };
  const session = (options.sessions ?? memorySessions)(clock);
  const deps = {
    ...(options.awayHours ? { awayHours: options.awayHours } : {}),
    service,
    directory: storage.directory,
    ...session,
    abandoned: storage.abandoned,
    outbox: storage.outbox?.port ?? memoryOutbox,
    blobs,
    parked: storage.parked(blobs),
    inspector,
    attachmentRules: TEST_ATTACHMENT_RULES,
    taxonomy: DEFAULT_TAXONOMY,
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    clock,
    settings: {
      accessPolicy: options.accessPolicy ?? "open",
      idleMinutes: IDLE_MINUTES,
      timeZone: "America/Sao_Paulo",
      defaultLang: "pt-BR" as const,
      rememberMs: 60 * 60_000,
    },
  };
  const engine: ConversationEngine = createConversationEngine(deps);

  let sequence = 0;
  const message = (
    who: { id: string; name?: string; locale?: string | null; channel?: Channel },
    input: InboundMessage["input"],
    messageId = `m${++sequence}`,
  ): InboundMessage => ({
    channel: who.channel ?? "TELEGRAM",
    messageId,
    from: { platformUserId: who.id, displayName: who.name ?? who.id, locale: who.locale ?? null },
    input,
    receivedAt: clock.now(),
  });

  return {
    engine,
    deps,
    clock,
    service,
    storage,
    /** Drafts written to the in-memory outbox (empty when the storage brings its own). */
    outbox,
    outboxKinds: async () => (storage.outbox ? storage.outbox.kinds() : outbox.map((o) => o.kind)),
    message,
    /** The stored state of a contact's session (null when none), read in a turn of its own. */
    async peek(
      contactId: string,
      channel: Channel = "TELEGRAM",
      platformUserId = "",
    ): Promise<string | null> {
      const started = await deps.turns.begin({
        lockKey: `${channel}:${platformUserId}`,
        contactId,
        messageKey: null,
        rememberMs: 0,
      });
      if (started.kind !== "open") return null;
      await started.abort();
      return started.session?.state ?? null;
    },
    /** Stores `state` as the contact's session, as a crashed or older process might have left it. */
    async plant(contactId: string, state: string, platformUserId = ""): Promise<void> {
      const started = await deps.turns.begin({
        lockKey: `TELEGRAM:${platformUserId}`,
        contactId,
        messageKey: null,
        rememberMs: 0,
      });
      if (started.kind !== "open") throw new Error("could not open a turn");
      await started.commit({ state, summary: "{}", lastActivityAt: clock.now() }, { queued: false });
    },
    async close() {
      await storage.close();
      await rm(blobRoot, { recursive: true, force: true });
    },
  };
};

export type Harness = Awaited<ReturnType<typeof buildEngine>>;
