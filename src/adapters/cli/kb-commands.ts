import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { KbError, KnowledgeService } from "../../core/knowledge/service.js";
import type { Article, ArticleStatus } from "../../core/ports/knowledge-base.js";
import type { Result } from "../../core/shared/result.js";
import { cliOperator } from "./cli-agent.js";
import { type Command, type CommandContext, UsageError } from "./command.js";
import { parseMarkdownFile } from "./front-matter.js";
import { articleLine, articleRef, articleText } from "./kb-render.js";
import { cliLabels } from "./labels.js";
import { usageLabels } from "./usage-labels.js";

const USAGE =
  "kb add --title T (--body TEXT | --file F.md) --lang pt-BR|en [--department D] [--tags a,b] | kb edit ID [same options] [--status draft|published] | kb publish ID | kb unpublish ID | kb show ID | kb list [--status S] [--lang L] | kb import DIR";

const MAX_FILE_BYTES = 200_000;

/** Who edited an article, for its revision history (agents read it, suppliers never do). */
const editor = (): string => cliOperator().name;

const idOf = (ctx: CommandContext, value: string | undefined): number => {
  const match = /^(?:kb-?)?(\d{1,9})$/i.exec(value?.trim() ?? "");
  if (!match) throw new UsageError(usageLabels[ctx.lang].articleId);
  return Number(match[1]);
};

const print = (ctx: CommandContext, json: unknown, text: string) =>
  ctx.io.out(ctx.json ? JSON.stringify(json, null, 2) : text);

const failed = (ctx: CommandContext, error: KbError): number => {
  if (ctx.json) ctx.io.err(JSON.stringify({ error }));
  else if (error.code === "ARTICLE_NOT_FOUND")
    ctx.io.err(cliLabels[ctx.lang].kb.noArticle(articleRef(error.id)));
  else ctx.io.err(ctx.catalogue.error(error));
  return 1;
};

const done = (ctx: CommandContext, result: Result<Article, KbError>): number => {
  if (!result.ok) return failed(ctx, result.error);
  print(ctx, result.value, articleLine(result.value));
  return 0;
};

const readText = async (ctx: CommandContext, path: string): Promise<string> => {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new UsageError(usageLabels[ctx.lang].notReadableFile(path));
  if (info.size > MAX_FILE_BYTES)
    throw new UsageError(usageLabels[ctx.lang].fileTooLarge(path, MAX_FILE_BYTES));
  return readFile(path, "utf8");
};

/** The fields given as options; a --file with front matter fills what the options leave out. */
const fieldsOf = async (
  ctx: CommandContext,
  v: Record<string, unknown>,
): Promise<Record<string, unknown>> => {
  const fromFile = typeof v.file === "string" ? await readText(ctx, v.file) : null;
  const parsed = fromFile === null ? null : parseMarkdownFile(fromFile);
  const base: Record<string, unknown> = parsed
    ? { ...parsed.fields, body: parsed.body }
    : fromFile !== null
      ? { body: fromFile }
      : {};
  const tags = typeof v.tags === "string" ? v.tags.split(",").map((t) => t.trim()) : undefined;
  const given = {
    title: v.title,
    body: v.body,
    lang: v.lang,
    department: v.department,
    tags,
    status: v.status,
  };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) base[key] = value;
  return base;
};

const withStatus = async (
  kb: KnowledgeService,
  created: Result<Article, KbError>,
  status: unknown,
): Promise<Result<Article, KbError>> =>
  created.ok && typeof status === "string" && status.toLowerCase() === "published"
    ? kb.setStatus(created.value.id, "PUBLISHED", editor())
    : created;

const add = async (ctx: CommandContext, v: Record<string, unknown>) => {
  const { status, ...fields } = await fieldsOf(ctx, v);
  return ctx.session(async (core) =>
    done(ctx, await withStatus(core.knowledge, await core.knowledge.add(fields, editor()), status)),
  );
};

const edit = async (ctx: CommandContext, id: number, v: Record<string, unknown>) => {
  const fields = await fieldsOf(ctx, v);
  return ctx.session(async (core) => done(ctx, await core.knowledge.edit(id, fields, editor())));
};

const setStatus = (ctx: CommandContext, id: number, status: ArticleStatus) =>
  ctx.session(async (core) => done(ctx, await core.knowledge.setStatus(id, status, editor())));

const show = (ctx: CommandContext, id: number) =>
  ctx.session(async (core) => {
    const found = await core.knowledge.get(id);
    if (!found.ok) return failed(ctx, found.error);
    const history = await core.knowledge.history(id);
    const revisions = history.ok ? history.value : [];
    print(
      ctx,
      { ...found.value, history: revisions },
      articleText(found.value, revisions, cliLabels[ctx.lang]),
    );
    return 0;
  });

const list = (ctx: CommandContext, v: Record<string, unknown>) => {
  const status = typeof v.status === "string" ? v.status.toUpperCase() : undefined;
  const u = usageLabels[ctx.lang];
  if (status && status !== "DRAFT" && status !== "PUBLISHED")
    throw new UsageError(u.unknownValue("status", String(v.status), "draft, published"));
  const lang = v.lang === "en" || v.lang === "pt-BR" ? v.lang : undefined;
  if (v.lang !== undefined && !lang) throw new UsageError(`--lang: ${u.oneOf("pt-BR, en")}`);
  return ctx.session(async (core) => {
    const articles = await core.knowledge.list({
      limit: 500,
      ...(status ? { status: status as ArticleStatus } : {}),
      ...(lang ? { lang } : {}),
    });
    print(
      ctx,
      articles,
      articles.length > 0 ? articles.map(articleLine).join("\n") : cliLabels[ctx.lang].kb.noArticles,
    );
    return 0;
  });
};

/**
 * Every .md file of a folder: an article with the same title and language is edited, any other is
 * added; `status: published` publishes it. One refused file is reported and the rest still imported.
 */
const importDir = async (ctx: CommandContext, dir: string | undefined) => {
  const u = usageLabels[ctx.lang];
  const l = cliLabels[ctx.lang].kb;
  if (!dir) throw new UsageError(u.importFolder);
  const names = (await readdir(dir).catch(() => null))?.filter((n) => n.toLowerCase().endsWith(".md")).sort();
  if (!names) throw new UsageError(u.notReadableFolder(dir));
  const files = await Promise.all(
    names.map(async (name) => ({ name, text: await readText(ctx, join(dir, name)) })),
  );
  return ctx.session(async (core) => {
    const kb = core.knowledge;
    const existing = await kb.list({ limit: 100_000 });
    const report: { file: string; id?: number; action: "added" | "updated" | "refused"; error?: string }[] =
      [];
    for (const { name, text } of files) {
      const parsed = parseMarkdownFile(text);
      if (!parsed) {
        report.push({ file: name, action: "refused", error: l.noFrontMatter });
        continue;
      }
      const { status, ...rest } = parsed.fields;
      const fields: Record<string, unknown> = { ...rest, body: parsed.body };
      const same = existing.find((a) => a.title === fields.title && a.lang === fields.lang);
      const saved = same ? await kb.edit(same.id, fields, editor()) : await kb.add(fields, editor());
      const result =
        saved.ok && typeof status === "string"
          ? status.toLowerCase() === "published"
            ? saved.value.status === "PUBLISHED"
              ? saved
              : await kb.setStatus(saved.value.id, "PUBLISHED", editor())
            : status.toLowerCase() === "draft" && saved.value.status !== "DRAFT"
              ? await kb.setStatus(saved.value.id, "DRAFT", editor())
              : saved
          : saved;
      if (result.ok) report.push({ file: name, id: result.value.id, action: same ? "updated" : "added" });
      else
        report.push({
          file: name,
          action: "refused",
          error: result.error.code === "ARTICLE_NOT_FOUND" ? l.vanished : ctx.catalogue.error(result.error),
        });
    }
    print(
      ctx,
      report,
      report
        .map(
          (r) =>
            `${r.file}: ${l.action[r.action]}${r.id ? ` ${articleRef(r.id)}` : ""}${r.error ? ` (${r.error})` : ""}`,
        )
        .join("\n") || l.noFiles,
    );
    return report.some((r) => r.action === "refused") ? 1 : 0;
  });
};

export const kb: Command = {
  name: "kb",
  summary: {
    en: "knowledge-base articles: add, edit, publish, list, import a folder of Markdown files",
    "pt-BR":
      "artigos da base de conhecimento: incluir, editar, publicar, listar, importar uma pasta de arquivos Markdown",
  },
  usage: USAGE,
  examples: [
    'kb add --title "Segunda via do boleto" --file boleto.md --lang pt-BR --status published',
    "kb import docs/kb",
    "kb list --status published --lang en",
  ],
  options: {
    title: { type: "string" },
    body: { type: "string" },
    file: { type: "string" },
    lang: { type: "string" },
    department: { type: "string" },
    tags: { type: "string" },
    status: { type: "string" },
  },
  async run(ctx, values, positionals) {
    const [action, ...rest] = positionals;
    switch (action) {
      case "add":
        return add(ctx, values);
      case "edit":
        return edit(ctx, idOf(ctx, rest[0]), values);
      case "publish":
        return setStatus(ctx, idOf(ctx, rest[0]), "PUBLISHED");
      case "unpublish":
        return setStatus(ctx, idOf(ctx, rest[0]), "DRAFT");
      case "show":
        return show(ctx, idOf(ctx, rest[0]));
      case "list":
        return list(ctx, values);
      case "import":
        return importDir(ctx, rest[0]);
      default:
        throw new UsageError(
          usageLabels[ctx.lang].expectedAction("add, edit, publish, unpublish, show, list, import"),
        );
    }
  },
};

export const kbCommands = [kb];
