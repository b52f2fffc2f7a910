import type { Lang } from "../i18n/lang.js";

export const ARTICLE_STATUSES = ["DRAFT", "PUBLISHED"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** What an author writes: the body is Markdown limited to what every chat platform can show. */
export interface ArticleFields {
  readonly title: string;
  readonly body: string;
  readonly lang: Lang;
  /** A department code of the taxonomy, or null for every department. */
  readonly department: string | null;
  readonly tags: readonly string[];
}

export interface Article extends ArticleFields {
  /** Shown as KB-<id>; small, so a chat option id carries it easily. */
  readonly id: number;
  readonly status: ArticleStatus;
  /** Starts at 1; every edit or status change adds a revision with the next number. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly publishedAt: Date | null;
}

/** One state of an article as it was after an edit: the history. */
export interface ArticleRevision extends ArticleFields {
  readonly articleId: number;
  readonly version: number;
  readonly status: ArticleStatus;
  readonly editedBy: string;
  readonly editedAt: Date;
}

export interface ArticleChange extends Partial<ArticleFields> {
  readonly status?: ArticleStatus;
}

export interface ArticleListQuery {
  readonly status?: ArticleStatus;
  readonly lang?: Lang;
  readonly limit: number;
}

/** Published articles in one language, best match first. */
export interface ArticleSearch {
  readonly text: string;
  readonly lang: Lang;
  readonly limit: number;
}

/**
 * What happened to a suggestion. SHOWN: offered to someone; OPENED: read in full; DEFLECTED: "this
 * solved it"; TICKET_AFTER: a ticket was opened anyway after it was shown.
 */
export const KB_EVENT_KINDS = ["SHOWN", "OPENED", "DEFLECTED", "TICKET_AFTER"] as const;
export type KbEventKind = (typeof KB_EVENT_KINDS)[number];

export interface KbEvent {
  readonly kind: KbEventKind;
  readonly articleId: number;
  /** Once per key: a redelivered message records nothing twice. */
  readonly key: string;
  readonly at: Date;
}

export interface ArticleFigures {
  readonly articleId: number;
  readonly title: string;
  readonly lang: Lang;
  readonly status: ArticleStatus;
  readonly shown: number;
  readonly opened: number;
  readonly deflected: number;
  readonly ticketsAfter: number;
}

/** The knowledge base's articles, their history and what their suggestions did. */
export interface KnowledgeBase {
  create(fields: ArticleFields, status: ArticleStatus, by: string, at: Date): Promise<Article>;
  /** Applies the change and records a revision; null when there is no such article. */
  update(id: number, change: ArticleChange, by: string, at: Date): Promise<Article | null>;
  get(id: number): Promise<Article | null>;
  list(query: ArticleListQuery): Promise<Article[]>;
  /** Oldest first. */
  history(id: number): Promise<ArticleRevision[]>;
  /** Published articles of the language matching any of the words, accent-insensitive, title first. */
  search(query: ArticleSearch): Promise<Article[]>;
  record(events: readonly KbEvent[]): Promise<void>;
  /** Every article with its counts, zeros included, by id. */
  figures(): Promise<ArticleFigures[]>;
}
