import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/app/cli/main.js";

const cli = async (argv: string[], env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
};

const json = async (argv: string[], env: Record<string, string>) => {
  const result = await cli([...argv, "--json"], env);
  expect(result.err).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.out);
};

const article = (front: string[], body: string) => ["---", ...front, "---", "", body, ""].join("\n");

describe("kb CLI arguments", () => {
  it.each([
    [["kb", "edit"], "expected an article id"],
    [["kb", "publish", "abc"], "expected an article id"],
    [["kb", "list", "--status", "gone"], 'unknown status "gone"'],
    [["kb", "import"], "import expects a folder"],
    [["kb", "frobnicate"], "expected add, edit, publish"],
  ])("refuses %j with usage (exit 2)", async (argv, message) => {
    const result = await cli(argv, { DATA_DIR: "/nonexistent", DEFAULT_LANGUAGE: "en" });
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });
});

describe("kb CLI on the embedded database", () => {
  let dataDir: string;
  let articles: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "chamado-kb-"));
    articles = join(dataDir, "articles");
    await mkdir(articles);
    await writeFile(
      join(articles, "01-boleto.md"),
      article(
        [
          "title: Como emitir a segunda via do boleto",
          "language: pt-BR",
          "department: sales",
          "tags: [boleto, pagamento]",
          "status: published",
        ],
        "1. Entre no portal.\n2. Abra **Financeiro**.",
      ),
    );
    await writeFile(
      join(articles, "02-invoice.md"),
      article(
        ["title: How to send an invoice", "language: en", "tags: invoice", "status: draft"],
        "Attach the XML.",
      ),
    );
    await writeFile(
      join(articles, "03-broken.md"),
      article(["title: x", "language: fr"], "Too short a title."),
    );
    await writeFile(join(articles, "notes.txt"), "not an article");
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("imports a folder, refusing a bad file and naming why, then adds, edits and publishes", async () => {
    const env = { DATA_DIR: dataDir, DEFAULT_LANGUAGE: "en" };
    // The CLI never creates an empty embedded database behind a service's back: migrate makes it.
    expect((await cli(["migrate"], env)).code).toBe(0);
    const imported = await cli(["kb", "import", articles], env);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain("01-boleto.md: added KB-1");
    expect(imported.out).toContain("02-invoice.md: added KB-2");
    expect(imported.out).toMatch(/03-broken\.md: refused \(.*title.*/);
    expect(imported.out).not.toContain("notes.txt");

    const listed = await json(["kb", "list"], env);
    expect(listed.map((a: { id: number; status: string }) => [a.id, a.status])).toEqual([
      [2, "DRAFT"],
      [1, "PUBLISHED"],
    ]);
    expect(listed[1]).toMatchObject({ department: "sales", tags: ["boleto", "pagamento"], lang: "pt-BR" });

    // Importing again edits what is there instead of adding twice.
    const again = await cli(["kb", "import", articles], env);
    expect(again.out).toContain("01-boleto.md: updated KB-1");

    const added = await json(
      [
        "kb",
        "add",
        "--title",
        "Prazo de pagamento",
        "--body",
        "30 dias.",
        "--lang",
        "pt-BR",
        "--tags",
        "prazo,pagamento",
      ],
      env,
    );
    expect(added).toMatchObject({ id: 3, status: "DRAFT", tags: ["prazo", "pagamento"] });
    expect(await json(["kb", "edit", "KB-3", "--body", "Trinta dias corridos."], env)).toMatchObject({
      version: 2,
      body: "Trinta dias corridos.",
    });
    expect(await json(["kb", "publish", "3"], env)).toMatchObject({ status: "PUBLISHED", version: 3 });
    const shown = await json(["kb", "show", "KB-3"], env);
    expect(shown.history.map((h: { version: number; status: string }) => [h.version, h.status])).toEqual([
      [1, "DRAFT"],
      [2, "DRAFT"],
      [3, "PUBLISHED"],
    ]);
    const text = await cli(["kb", "show", "3"], env);
    expect(text.out).toContain("KB-3  Prazo de pagamento");

    const missing = await cli(["kb", "publish", "KB-99"], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe("no article KB-99");
    const badLang = await cli(["kb", "add", "--title", "Título válido", "--body", "x", "--lang", "fr"], env);
    expect(badLang.code).toBe(1);
    expect(badLang.err).toContain("lang");
  });
});

describe("kb figures in stats", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "chamado-kb-stats-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("prints suggestions, opens, deflections and tickets after, and the articles that never help", async () => {
    const env = { DATA_DIR: dataDir, DEFAULT_LANGUAGE: "en" };
    expect((await cli(["migrate"], env)).code).toBe(0);
    await json(
      [
        "kb",
        "add",
        "--title",
        "Prazo de pagamento",
        "--body",
        "30 dias.",
        "--lang",
        "pt-BR",
        "--status",
        "published",
      ],
      env,
    );
    const stats = await json(["stats"], env);
    expect(stats.knowledgeBase.totals).toEqual({ shown: 0, opened: 0, deflected: 0, ticketsAfter: 0 });
    expect(stats.knowledgeBase.articles[0]).toMatchObject({ articleId: 1, status: "PUBLISHED" });
    const text = await cli(["stats"], env);
    expect(text.out).toContain(
      "knowledge base: suggested 0   opened 0   deflected 0   tickets after a suggestion 0",
    );
    expect(text.out).toContain("never helped: -");
  });
});
