import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../src/adapters/console/console-chat.js";
import { parseConsoleLine } from "../../src/adapters/console/console-line.js";
import { tinyPng } from "../files/support/samples.js";
import { buildEngine, type Harness, TEST_ATTACHMENT_RULES } from "./support/engine-harness.js";

/** Types the lines into a console chat and returns everything it printed. */
const chat = async (h: Harness, lines: string[], locale?: string) => {
  const input = new PassThrough();
  const output: string[] = [];
  const done = runConsoleChat({
    engine: h.engine,
    identity: { channel: "CONSOLE", platformUserId: "ana", displayName: "Ana" },
    ...(locale ? { locale } : {}),
    input,
    write: (text) => output.push(text),
    maxFileBytes: TEST_ATTACHMENT_RULES.maxBytes,
  });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return output.join("\n");
};

describe("console channel", () => {
  let h: Harness;
  let dir: string;
  beforeEach(async () => {
    h = await buildEngine();
    dir = await mkdtemp(join(tmpdir(), "chamado-console-"));
  });
  afterEach(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("walks a ticket from the terminal, attaching a file by path and pressing a button by id", async () => {
    const png = join(dir, "tela.png");
    await writeFile(png, tinyPng());
    const printed = await chat(h, [
      "oi",
      "/tap menu.newTicket",
      "Impressora parada",
      "técnico",
      "alta",
      "incidente",
      "Não liga.",
      `/file ${png} -- foto da tela`,
      "/file /does/not/exist.png",
      "concluir",
      "/ids",
      "confirmar",
      "/quit",
      "never sent",
    ]);
    expect(printed).toContain("bot> Olá, Ana! Como posso ajudar?");
    expect(printed).toContain("bot> Arquivo recebido: tela.png.");
    expect(printed).toContain("not a readable file: /does/not/exist.png");
    expect(printed).toContain("bot> Chamado TKT-000001 aberto!");
    expect(printed).toContain("[1] menu.newTicket");
    expect(printed).not.toContain("never sent");
    const detail = await h.service.detail({ kind: "agent", id: "a", name: "A" }, "TKT-000001");
    expect(detail.ok && detail.value.events[0]?.attachments.map((a) => a.fileName)).toEqual(["tela.png"]);
    expect(detail.ok && detail.value.ticket.channel).toBe("CONSOLE");
  });

  it("speaks the language given for the session", async () => {
    expect(await chat(h, ["hi", "/quit"], "en")).toContain("bot> Hi Ana! How can I help?");
  });

  it("refuses a file over the limit in the person's language without loading it", async () => {
    const big = join(dir, "grande.txt");
    await writeFile(big, "a".repeat(TEST_ATTACHMENT_RULES.maxBytes + 10));
    const printed = await chat(h, ["novo", "Assunto", "1", "1", "1", "Texto.", `/file ${big}`]);
    expect(printed).toContain("bot> O arquivo grande.txt passa do limite de 64 KB.");
  });

  it("reads typed lines as text, buttons, files, commands or leaving", () => {
    expect(parseConsoleLine("  olá ")).toEqual({ kind: "input", input: { kind: "text", text: "olá" } });
    expect(parseConsoleLine("//not a command")).toEqual({
      kind: "input",
      input: { kind: "text", text: "/not a command" },
    });
    expect(parseConsoleLine("/tap sum.confirm")).toEqual({
      kind: "input",
      input: { kind: "choice", id: "sum.confirm" },
    });
    expect(parseConsoleLine("/language en")).toEqual({
      kind: "input",
      input: { kind: "command", name: "language", args: ["en"] },
    });
    expect(parseConsoleLine("/file a.png b.pdf -- see both")).toEqual({
      kind: "files",
      paths: ["a.png", "b.pdf"],
      caption: "see both",
    });
    expect(parseConsoleLine("/sair")).toEqual({ kind: "quit" });
    expect(parseConsoleLine("   ")).toEqual({ kind: "empty" });
  });
});
