import { randomUUID } from "node:crypto";
import { storeFiles, vetFiles } from "../attachments/accept-files.js";
import type { AttachmentRules } from "../attachments/rules.js";
import { requesterFileCount } from "../attachments/ticket-files.js";
import type { BlobStore } from "../ports/blob-store.js";
import type { Clock } from "../ports/clock.js";
import type { ContentInspector } from "../ports/content-inspector.js";
import type {
  DashboardCounts,
  Page,
  StatsScope,
  TagCount,
  TicketChange,
  TicketQuery,
  TicketRepository,
} from "../ports/ticket-repository.js";
import { err, ok, type Result } from "../shared/result.js";
import { canView } from "./access.js";
import type { Channel } from "./channel.js";
import {
  agentReplyCommand,
  assignCommand,
  changeDepartmentCommand,
  changePriorityCommand,
  changeStatusCommand,
  createTicketCommand,
  type FileInput,
  MAX_TAGS,
  mergeCommand,
  rateCommand,
  replyCommand,
  reviseReplyCommand,
  tagsCommand,
  withdrawReplyCommand,
} from "./commands.js";
import {
  actorRef,
  canMerge,
  type DecisionContext,
  decideAssign,
  decideContactDone,
  decideContactRequest,
  decideDepartment,
  decideMergeFrom,
  decideMergeInto,
  decidePriority,
  decideRating,
  decideRead,
  decideReply,
  decideStatus,
  decideTags,
  type NotificationPolicy,
} from "./decisions.js";
import { type CoreError, notFound } from "./errors.js";
import { PUBLIC_STATUS_OF, type PublicStatus } from "./status.js";
import type { Taxonomy } from "./taxonomy.js";
import { cleanText } from "./text-rule.js";
import type { Actor, AttachmentMeta, Ticket, TicketEvent } from "./ticket.js";
import { parseTicketRef } from "./ticket-ref.js";
import { type TimeInStatus, timeInStatus } from "./time-in-status.js";
import { validate } from "./validation.js";
import { decideReviseReply, decideWithdrawReply } from "./withdrawal.js";

export interface TicketServiceDeps {
  readonly tickets: TicketRepository;
  readonly blobs: BlobStore;
  readonly inspector: ContentInspector;
  readonly clock: Clock;
  readonly taxonomy: Taxonomy;
  readonly attachmentRules: AttachmentRules;
  readonly reopenWindowDays: number;
  readonly notify: NotificationPolicy;
  /** The first agent to reply publicly to an unassigned ticket becomes its assignee. */
  readonly firstResponderOwns?: boolean;
  /** SLA time between two instants (working time under business hours); wall time when unset. */
  readonly slaTime?: (department: string, from: Date, to: Date) => number;
}

/**
 * A requester made only once the ticket is known to be valid, so a refused ticket leaves no contact
 * behind (an integration naming a new person by external id).
 */
export type RequesterOnDemand = () => Promise<RequesterIdentity>;

/** Whom a ticket is opened for: the requester themself, or a contact an agent acts for. */
export interface RequesterIdentity {
  readonly contactId: string;
  readonly personId: string;
  readonly organizationId: string;
  readonly displayName: string;
  readonly channel: Channel;
}

export interface AttachmentFile {
  readonly meta: AttachmentMeta;
  readonly bytes: Uint8Array;
}

export interface TicketDetail {
  readonly ticket: Ticket;
  readonly publicStatus: PublicStatus;
  readonly events: readonly TicketEvent[];
  readonly timeInStatus: TimeInStatus;
  /** Whether support has read the requester's latest message. */
  readonly readBySupport: boolean;
  /** When support read it and who (agents' names are shown to requesters as "support"). */
  readonly readMark: ReadMark | null;
}

export interface ReadMark {
  readonly at: Date;
  readonly by: { readonly id: string; readonly name: string } | null;
}

/**
 * The ticket use cases, the same for every door. Each validates its input (commands arrive as
 * `unknown`), re-checks that the actor may see and change the ticket on its current state, and
 * changes it atomically with its history and notifications. Expected failures come back as values.
 */
export interface TicketService {
  /** `origin` is where the ticket is opened (the CLI for an agent acting for a Telegram contact, say). */
  /** `who` may be resolved only once the input passed its checks (a refused ticket creates no requester). */
  create(
    actor: Actor,
    who: RequesterIdentity | RequesterOnDemand,
    input: unknown,
    origin?: Channel,
  ): Promise<Result<{ ticket: Ticket; created: boolean }, CoreError>>;
  reply(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  changeStatus(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  changePriority(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  assign(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  /** Agents move a misrouted ticket to another department; the requester is told. */
  changeDepartment(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  requestContact(actor: Actor, ref: string): Promise<Result<Ticket, CoreError>>;
  /** An agent marks the requested contact made; the requester is told. */
  contactDone(actor: Actor, ref: string): Promise<Result<Ticket, CoreError>>;
  markRead(actor: Actor, ref: string): Promise<Result<Ticket, CoreError>>;
  /**
   * An agent's reply withdrawn before it went out (its delivery already cancelled by the door):
   * the requester's history, the status, last reply, first response and SLA are as if it was never
   * written; agents still see it, marked withdrawn.
   */
  withdrawReply(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  /** An agent's reply edited before it went out: the history stores the text that is sent. */
  reviseReply(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  rate(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  detail(actor: Actor, ref: string): Promise<Result<TicketDetail, CoreError>>;
  /**
   * A file of the ticket's history, by attachment id or file name (the latest of that name), with
   * the same access check as `detail`: an internal note's files only for agents.
   */
  attachment(actor: Actor, ref: string, file: string): Promise<Result<AttachmentFile, CoreError>>;
  list(actor: Actor, query: TicketQuery): Promise<Page<Ticket>>;
  /** "TKT-000123", "000123" or "123" find that ticket; anything else searches subjects and messages. */
  search(actor: Actor, text: string, query: TicketQuery): Promise<Page<Ticket>>;
  /** Counts over what the actor may see, within `scope`. */
  stats(actor: Actor, scope?: StatsScope): Promise<DashboardCounts>;
  /** Replaces a ticket's tags (`tags`), or adds and removes some; agents only. */
  setTags(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  /**
   * Merges the duplicate `ref` into `input.into`: the duplicate is closed pointing at the target, the
   * target's history lists the duplicate's messages and files, and the duplicate's requester's later
   * replies go to the target. Agents only. Returns the target.
   */
  merge(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>>;
  /** Tickets per tag (agents only: requesters get none). */
  tagStats(actor: Actor, scope?: StatsScope): Promise<TagCount[]>;
}

/** A ticket as `actor` sees it: tags are the agents' own. */
const shownTo = (actor: Actor, ticket: Ticket): Ticket =>
  actor.kind === "requester" && ticket.tags.length > 0 ? { ...ticket, tags: [] } : ticket;

/** Events only agents see: internal notes, read marks, withdrawn replies and the agents' labels. */
const AGENTS_ONLY: ReadonlySet<TicketEvent["kind"]> = new Set([
  "NOTE",
  "AGENT_READ",
  "REPLY_WITHDRAWN",
  "TAGS_CHANGED",
  "MERGED_FROM",
]);

/** The target's history line of a merge: the duplicate's public messages, oldest first. */
const mergeListing = (events: readonly TicketEvent[], clip: number): string =>
  events
    .filter((e) => e.kind === "MESSAGE" && !e.withdrawnAt)
    .map((e) => {
      const files = e.attachments.length > 0 ? ` [${e.attachments.map((a) => a.fileName).join(", ")}]` : "";
      return `${e.createdAt.toISOString()} ${e.actor.name}: ${e.body ?? ""}${files}`.trim();
    })
    .join("\n")
    .slice(0, clip);

/**
 * Requesters see public events only: internal notes, read marks, tags and withdrawn replies (which
 * they never received) stay with the agents.
 */
const visibleTo = (actor: Actor, events: readonly TicketEvent[]) =>
  actor.kind === "requester" ? events.filter((e) => !AGENTS_ONLY.has(e.kind) && !e.withdrawnAt) : events;

/** The mark on the requester's latest message, with the agent of the latest read event. */
const readMarkOf = (ticket: Ticket, events: readonly TicketEvent[]): ReadMark | null => {
  const last = ticket.requesterLastMessageAt;
  if (last === null || ticket.agentReadAt === null || ticket.agentReadAt < last) return null;
  const by = events.findLast((e) => e.kind === "AGENT_READ")?.actor;
  return { at: ticket.agentReadAt, by: by ? { id: by.id, name: by.name } : null };
};

/** The ticket use cases. Every one validates its input, re-checks access and changes state atomically. */
export const createTicketService = (deps: TicketServiceDeps): TicketService => {
  const { tickets, clock } = deps;
  const createSchema = createTicketCommand(deps.taxonomy);
  const departmentSchema = changeDepartmentCommand(deps.taxonomy);
  const context = (): DecisionContext => ({
    now: clock.now(),
    reopenWindowDays: deps.reopenWindowDays,
    notify: deps.notify,
    firstResponderOwns: deps.firstResponderOwns ?? false,
    ...(deps.slaTime ? { slaTime: deps.slaTime } : {}),
  });

  const resolve = async (actor: Actor, ref: string): Promise<Result<Ticket, CoreError>> => {
    const ticketNumber = parseTicketRef(ref);
    const ticket = ticketNumber !== null ? await tickets.findByNumber(ticketNumber) : null;
    return ticket && canView(actor, ticket) ? ok(ticket) : err(notFound(ref));
  };

  /**
   * The per-ticket cap: a requester's files join those the ticket already has from their side. Two
   * replies racing may both pass it; the cap is a courtesy limit, not a storage guarantee.
   */
  const roomForFiles = async (
    actor: Actor,
    ticket: Ticket,
    adding: number,
  ): Promise<Result<true, CoreError>> => {
    if (adding === 0 || actor.kind !== "requester") return ok(true);
    const already = requesterFileCount(await tickets.events(ticket.id));
    const max = deps.attachmentRules.maxFiles;
    return already + adding > max ? err({ code: "TICKET_FILES_FULL", max, already }) : ok(true);
  };

  const acceptFiles = async (files: readonly FileInput[]): Promise<Result<AttachmentMeta[], CoreError>> => {
    if (files.length === 0) return ok([]);
    const vetted = await vetFiles(files, deps.attachmentRules, deps.inspector);
    return vetted.ok ? ok(await storeFiles(vetted.value, deps.blobs)) : vetted;
  };

  /** Runs a decision on the locked ticket, re-checking access against its current state. */
  const changeFound = async (
    actor: Actor,
    found: Ticket,
    ref: string,
    decide: (ticket: Ticket, ctx: DecisionContext) => Result<TicketChange, CoreError>,
    sourceKey?: string,
  ): Promise<Result<Ticket, CoreError>> => {
    const updated = await tickets.update(
      found.id,
      (current) => (canView(actor, current) ? decide(current, context()) : err(notFound(ref))),
      sourceKey,
    );
    return updated.ok ? ok(shownTo(actor, updated.value.ticket)) : updated;
  };

  /**
   * Like `change`, for decisions that read the ticket's history: the history is read before the
   * lock, so the decision runs only on the ticket version it was read with (retried otherwise).
   */
  const changeWithHistory = async (
    actor: Actor,
    ref: string,
    decide: (
      ticket: Ticket,
      events: readonly TicketEvent[],
      ctx: DecisionContext,
    ) => Result<TicketChange, CoreError>,
    sourceKey?: string,
  ): Promise<Result<Ticket, CoreError>> => {
    const found = await resolve(actor, ref);
    if (!found.ok) return found;
    let seen = found.value;
    for (let attempt = 1; ; attempt++) {
      const events = await tickets.events(seen.id);
      let stale = false;
      const updated = await tickets.update(
        seen.id,
        (current) => {
          if (!canView(actor, current)) return err(notFound(ref));
          stale = current.version !== seen.version;
          return stale ? err(notFound(ref)) : decide(current, events, context());
        },
        sourceKey,
      );
      if (!stale || attempt === 3) return updated.ok ? ok(updated.value.ticket) : updated;
      seen = (await tickets.findById(seen.id)) ?? seen;
    }
  };

  const change = async (
    actor: Actor,
    ref: string,
    decide: (ticket: Ticket, ctx: DecisionContext) => Result<TicketChange, CoreError>,
    sourceKey?: string,
  ): Promise<Result<Ticket, CoreError>> => {
    const found = await resolve(actor, ref);
    return found.ok ? changeFound(actor, found.value, ref, decide, sourceKey) : found;
  };

  /**
   * Search words and filter values are looked with, never stored: what the text rule refuses is
   * cleaned here instead, so no door can hand storage a NUL. Cleaned values match nothing stored.
   */
  const lookable = (query: TicketQuery): TicketQuery => ({
    ...query,
    ...(query.text !== undefined ? { text: cleanText(query.text) } : {}),
    ...(query.assigneeId !== undefined ? { assigneeId: cleanText(query.assigneeId) } : {}),
    ...(query.departments ? { departments: query.departments.map(cleanText) } : {}),
    ...(query.types ? { types: query.types.map(cleanText) } : {}),
    ...(query.tags ? { tags: query.tags.map((t) => cleanText(t).trim().toLowerCase()) } : {}),
  });

  const scoped = (actor: Actor, raw: TicketQuery): TicketQuery => {
    const query = lookable(raw);
    if (actor.kind !== "requester") return query;
    // Tags are the agents' own: a requester's filter by one would tell them which tickets carry it.
    if (query.tags) return { ...query, limit: 0, tags: [] };
    return actor.orgAdmin
      ? { ...query, organizationId: actor.organizationId }
      : { ...query, organizationId: actor.organizationId, requesterPersonId: actor.personId };
  };

  return {
    async create(
      actor: Actor,
      who: RequesterIdentity | RequesterOnDemand,
      input: unknown,
      origin?: Channel,
    ): Promise<Result<{ ticket: Ticket; created: boolean }, CoreError>> {
      const forbidden = (requester: RequesterIdentity) =>
        actor.kind === "requester" && actor.contactId !== requester.contactId;
      if (typeof who !== "function" && forbidden(who)) return err({ code: "FORBIDDEN", action: "create" });
      const command = validate(createSchema, input);
      if (!command.ok) return command;
      const vetted = await vetFiles(command.value.attachments, deps.attachmentRules, deps.inspector);
      if (!vetted.ok) return vetted;
      const requester = typeof who === "function" ? await who() : who;
      if (forbidden(requester)) return err({ code: "FORBIDDEN", action: "create" });
      const attachments = await storeFiles(vetted.value, deps.blobs);
      const now = clock.now();
      const { message, sourceKey, attachments: _, ...fields } = command.value;
      const openingMessage = {
        kind: "MESSAGE" as const,
        actor: actorRef(actor),
        body: message,
        from: null,
        to: null,
        createdAt: now,
        attachments,
      };
      const created = await tickets.create({
        ...fields,
        id: randomUUID(),
        channel: origin ?? requester.channel,
        requester: {
          contactId: requester.contactId,
          personId: requester.personId,
          channel: requester.channel,
          displayName: requester.displayName,
        },
        organizationId: requester.organizationId,
        createdAt: now,
        sourceKey: sourceKey ?? null,
        openingMessage,
        // The policy sees the opening message, so agents get the new ticket with its text and files.
        outbox: (ticket) => deps.notify({ before: null, after: ticket, events: [openingMessage], actor }),
      });
      return ok(created);
    },

    async reply(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(actor.kind === "requester" ? replyCommand : agentReplyCommand, input);
      if (!command.ok) return command;
      const found = await resolve(actor, ref);
      if (!found.ok) return found;
      const room = await roomForFiles(actor, found.value, command.value.attachments.length);
      if (!room.ok) return room;
      const files = await acceptFiles(command.value.attachments);
      if (!files.ok) return files;
      const reply = { ...command.value, attachments: files.value };
      const duplicate = found.value;
      if (duplicate.mergedInto && actor.kind === "requester") {
        // A merged duplicate's requester writes on: their words go to the ticket it was merged into.
        const into = duplicate.mergedInto;
        const routed = await tickets.update(
          into.id,
          (target) => decideReply(target, actor, reply, context()),
          command.value.sourceKey,
        );
        if (!routed.ok) return routed;
        return ok(canView(actor, routed.value.ticket) ? shownTo(actor, routed.value.ticket) : duplicate);
      }
      // Resolved once, before the files are stored, so a stranger's reply stores nothing.
      return changeFound(
        actor,
        found.value,
        ref,
        (t, ctx) => decideReply(t, actor, reply, ctx),
        command.value.sourceKey,
      );
    },

    async changeStatus(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(changeStatusCommand, input);
      if (!command.ok) return command;
      return change(
        actor,
        ref,
        (t, ctx) => decideStatus(t, actor, command.value.status, ctx),
        command.value.sourceKey,
      );
    },

    async changePriority(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(changePriorityCommand, input);
      if (!command.ok) return command;
      const { priority, sourceKey } = command.value;
      return change(actor, ref, (t, ctx) => decidePriority(t, actor, priority, ctx), sourceKey);
    },

    async assign(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(assignCommand, input);
      if (!command.ok) return command;
      const { assignee, sourceKey } = command.value;
      return change(actor, ref, (t, ctx) => decideAssign(t, actor, assignee, ctx), sourceKey);
    },

    async changeDepartment(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(departmentSchema, input);
      if (!command.ok) return command;
      const { department, sourceKey } = command.value;
      return change(actor, ref, (t, ctx) => decideDepartment(t, actor, department, ctx), sourceKey);
    },

    requestContact: (actor: Actor, ref: string) =>
      change(actor, ref, (t, ctx) => decideContactRequest(t, actor, ctx)),

    contactDone: (actor: Actor, ref: string) =>
      change(actor, ref, (t, ctx) => decideContactDone(t, actor, ctx)),

    markRead: (actor: Actor, ref: string) => change(actor, ref, (t, ctx) => decideRead(t, actor, ctx)),

    async withdrawReply(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(withdrawReplyCommand, input);
      if (!command.ok) return command;
      const { replyKey, note, sourceKey } = command.value;
      return changeWithHistory(
        actor,
        ref,
        (t, events, ctx) =>
          decideWithdrawReply(t, events, actor, { replyKey, note: note || null, sourceKey }, ctx),
        sourceKey,
      );
    },

    async reviseReply(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(reviseReplyCommand, input);
      if (!command.ok) return command;
      return changeWithHistory(
        actor,
        ref,
        (t, events, ctx) => decideReviseReply(t, events, actor, command.value, ctx),
        command.value.sourceKey,
      );
    },

    async rate(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(rateCommand, input);
      if (!command.ok) return command;
      return change(actor, ref, (t, ctx) => decideRating(t, actor, command.value, ctx));
    },

    async detail(actor: Actor, ref: string): Promise<Result<TicketDetail, CoreError>> {
      const found = await resolve(actor, ref);
      if (!found.ok) return found;
      const ticket = found.value;
      const events = await tickets.events(ticket.id);
      const readMark = readMarkOf(ticket, events);
      return ok({
        ticket: shownTo(actor, ticket),
        publicStatus: PUBLIC_STATUS_OF[ticket.status],
        events: visibleTo(actor, events),
        // A withdrawn reply's status move never happened for anyone's clock.
        timeInStatus: timeInStatus(
          ticket.createdAt,
          events.filter((e) => !e.withdrawnAt),
          clock.now(),
        ),
        readBySupport: readMark !== null,
        readMark,
      });
    },

    async attachment(actor: Actor, ref: string, file: string): Promise<Result<AttachmentFile, CoreError>> {
      const found = await resolve(actor, ref);
      if (!found.ok) return found;
      const visible = visibleTo(actor, await tickets.events(found.value.id)).flatMap((e) => e.attachments);
      const meta =
        visible.find((a) => a.id === file) ?? visible.filter((a) => a.fileName === file).at(-1) ?? null;
      if (!meta) return err({ code: "ATTACHMENT_NOT_FOUND", ref, file });
      return ok({ meta, bytes: await deps.blobs.get(meta.storageKey) });
    },

    async list(actor: Actor, query: TicketQuery): Promise<Page<Ticket>> {
      const page = await tickets.list(scoped(actor, query));
      return { ...page, items: page.items.map((t) => shownTo(actor, t)) };
    },

    async search(actor: Actor, text: string, query: TicketQuery): Promise<Page<Ticket>> {
      if (parseTicketRef(text) !== null) {
        const found = await resolve(actor, text);
        return { items: found.ok ? [shownTo(actor, found.value)] : [], nextCursor: null };
      }
      const page = await tickets.list(scoped(actor, { ...query, text }));
      return { ...page, items: page.items.map((t) => shownTo(actor, t)) };
    },

    stats(actor: Actor, scope: StatsScope = {}): Promise<DashboardCounts> {
      const { organizationId, requesterPersonId } = scoped(actor, { ...scope, limit: 0 });
      return tickets.stats({
        ...(organizationId ? { organizationId } : {}),
        ...(requesterPersonId ? { requesterPersonId } : {}),
      });
    },

    async setTags(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(tagsCommand, input);
      if (!command.ok) return command;
      const { sourceKey, ...wanted } = command.value;
      return change(actor, ref, (t, ctx) => decideTags(t, actor, wanted, MAX_TAGS, ctx), sourceKey);
    },

    async merge(actor: Actor, ref: string, input: unknown): Promise<Result<Ticket, CoreError>> {
      const command = validate(mergeCommand, input);
      if (!command.ok) return command;
      if (actor.kind !== "agent") return err({ code: "FORBIDDEN", action: "merge" });
      const duplicate = await resolve(actor, ref);
      if (!duplicate.ok) return duplicate;
      const target = await resolve(actor, command.value.into);
      if (!target.ok) return target;
      const allowed = canMerge(duplicate.value, target.value);
      if (!allowed.ok) return allowed;
      const history = await tickets.events(duplicate.value.id);
      // The files stay where they are stored; the target's line names the same bytes under new ids.
      const attachments = history
        .filter((e) => e.kind === "MESSAGE")
        .flatMap((e) => e.attachments.map((a) => ({ ...a, id: randomUUID() })));
      const closed = await changeFound(actor, duplicate.value, ref, (t, ctx) =>
        decideMergeInto(t, actor, target.value, ctx),
      );
      if (!closed.ok) return closed;
      const listing = { body: mergeListing(history, 4000), attachments };
      return changeFound(actor, target.value, command.value.into, (t, ctx) =>
        decideMergeFrom(t, actor, closed.value, listing, ctx),
      );
    },

    async tagStats(actor: Actor, scope: StatsScope = {}): Promise<TagCount[]> {
      if (actor.kind === "requester") return [];
      return tickets.tagCounts(scope);
    },
  };
};
