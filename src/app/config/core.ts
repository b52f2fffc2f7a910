import { readFileSync } from "node:fs";
import { z } from "zod";
import { bool, int, optionalUrl } from "../../adapters/config-fields.js";
import { DEFAULT_ATTACHMENT_RULES } from "../../core/attachments/rules.js";
import { type BusinessCalendars, businessCalendars, businessHoursInput } from "../../core/hours/calendar.js";
import { LANGS } from "../../core/i18n/lang.js";
import { TAG } from "../../core/ticket/commands.js";
import { DEFAULT_TAXONOMY, type TaxonomyOption } from "../../core/ticket/taxonomy.js";

const CODE = /^[a-z0-9][a-z0-9_-]{0,30}$/;

/** "technical:Technical:Técnico,sales:Sales:Comercial": code, English label, optional Portuguese label. */
const taxonomyList = (fallback: readonly TaxonomyOption[]) =>
  z
    .string()
    .transform((raw, ctx): TaxonomyOption[] => {
      const options = raw
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)
        .map((item) => {
          const [code = "", en = "", pt] = item.split(":").map((part) => part.trim());
          return { code: code.toLowerCase(), labels: { en: en || code, "pt-BR": pt || en || code } };
        });
      const bad = options.find((o) => !CODE.test(o.code));
      if (options.length === 0 || options.length > 10 || bad) {
        ctx.addIssue({
          code: "custom",
          message: `expected 1 to 10 items like "code:English label:Rótulo em português" with codes of a-z, 0-9, - or _${bad ? ` (bad code "${bad.code}")` : ""}`,
        });
        return z.NEVER;
      }
      if (new Set(options.map((o) => o.code)).size !== options.length) {
        ctx.addIssue({ code: "custom", message: "expected distinct codes" });
        return z.NEVER;
      }
      return options;
    })
    .optional()
    .transform((v) => v ?? [...fallback]);

/** A JSON file of business hours (see README): read and checked once, at start. */
const businessHoursFile = z
  .string()
  .trim()
  .min(1)
  .transform((path, ctx): BusinessCalendars | typeof z.NEVER => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `cannot read ${path}: ${(error as Error).message}` });
      return z.NEVER;
    }
    const parsed = businessHoursInput.safeParse(raw);
    if (!parsed.success) {
      const where = (p: readonly PropertyKey[]) => p.map(String).join(".");
      ctx.addIssue({
        code: "custom",
        message: `${path}: ${parsed.error.issues.map((i) => `${where(i.path)}: ${i.message}`).join("; ")}`,
      });
      return z.NEVER;
    }
    return businessCalendars(parsed.data);
  })
  .optional();

/** Storage, logging and the ticket core's rules. */
export const coreConfig = {
  PORT: int(1, 65535, 3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  DATABASE_URL: optionalUrl(["postgres://", "postgresql://"]),
  DATABASE_MIGRATE_ON_START: bool(false),
  REDIS_URL: optionalUrl(["redis://", "rediss://"]),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEFAULT_LANGUAGE: z.enum(LANGS).default("pt-BR"),
  /** The agent the CLI acts as when a command gives no `--as NAME`; suppliers see it on replies. */
  AGENT_NAME: z.string().trim().min(1).max(100).optional(),
  DEPARTMENTS: taxonomyList(DEFAULT_TAXONOMY.departments),
  TICKET_TYPES: taxonomyList(DEFAULT_TAXONOMY.types),
  REOPEN_WINDOW_DAYS: int(0, 365, 7),
  /** Hours an invitation code (Telegram deep link, WhatsApp code) can be used, once. */
  INVITATION_TTL_HOURS: int(1, 24 * 30, 72),
  /** Tags offered in Slack's tag menu: "billing,vpn,urgent" (agents may use others from the CLI and API). */
  TAG_SUGGESTIONS: z
    .string()
    .transform((raw) =>
      [
        ...new Set(
          raw
            .split(",")
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        ),
      ].sort(),
    )
    .pipe(
      z
        .array(z.string().regex(TAG, { error: "expected tags of letters, digits, - or _ (up to 30)" }))
        .max(100),
    )
    .default([]),
  /** Business hours per department (JSON file): SLA clocks count working time; away messages outside them. */
  BUSINESS_HOURS_FILE: businessHoursFile,
  /** The first agent to reply publicly to an unassigned ticket becomes its assignee. */
  FIRST_RESPONDER_OWNS: bool(false),
  ATTACHMENT_MAX_FILES: int(0, 10, DEFAULT_ATTACHMENT_RULES.maxFiles),
  ATTACHMENT_MAX_BYTES: int(1, 50 * 1024 * 1024, DEFAULT_ATTACHMENT_RULES.maxBytes),
  /** Bytes of files one contact's chat flows may hold before a ticket has them; more is refused. */
  ATTACHMENT_PARKED_QUOTA_BYTES: int(1, 1024 * 1024 * 1024, DEFAULT_ATTACHMENT_RULES.parkedQuotaBytes),
  /** Archives inside a zip: 1 refuses any, 2 (default) allows one level, never deeper. */
  ATTACHMENT_ZIP_MAX_DEPTH: int(1, 10, DEFAULT_ATTACHMENT_RULES.zipMaxDepth),
  ATTACHMENT_TYPES: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.string().regex(/^[a-z0-9]{1,10}$/, { error: "expected extensions like png,jpg,pdf" })).min(1),
    )
    .default([...DEFAULT_ATTACHMENT_RULES.allowedTypes]),
};
