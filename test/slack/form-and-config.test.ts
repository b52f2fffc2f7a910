import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { slackSettings } from "../../src/adapters/slack/config.js";
import { readSubmission, submissionErrors, ticketModal } from "../../src/adapters/slack/modal.js";
import { ConfigError, loadConfig } from "../../src/app/config/index.js";
import { DEFAULT_TAXONOMY } from "../../src/core/ticket/taxonomy.js";
import { formValues } from "../../testkit/slack-payloads.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

describe("the ticket form", () => {
  const form = (lang: "en" | "pt-BR") => ({
    lang,
    taxonomy: DEFAULT_TAXONOMY,
    rules: { maxFiles: 2, maxBytes: 1024, types: ["png", "txt"] },
  });
  const submit = (values: Parameters<typeof formValues>[0], metadata = "") =>
    readSubmission({ id: "V1", private_metadata: metadata, state: { values: formValues(values) } })!;

  it("shows the core's rules in the person's language under each field", () => {
    const bad = submit({
      subject: "  x ",
      department: null,
      priority: "HIGH",
      type: "nope",
      message: "a".repeat(1001),
    });
    expect(submissionErrors(bad, form("pt-BR"))).toEqual({
      subject: "Assunto: use pelo menos 3 caracteres (você usou 1).",
      department: "Departamento: campo obrigatório.",
      type: "Tipo: escolha uma destas opções: support, incident, bug, improvement.",
      message: "Mensagem: use no máximo 1000 caracteres (você usou 1001).",
    });
    expect(
      submissionErrors(
        submit({ subject: "Fine subject", department: "sales", priority: "LOW", type: "bug", message: "ok" }),
        form("en"),
      ),
    ).toBeNull();
  });

  it("checks files on their metadata: count (counting files taken from a marked message) and size", () => {
    const file = (id: string, size: number) => ({
      id,
      name: `${id}.png`,
      size,
      url_private_download: "https://files.slack.com/x",
    });
    const ok = { subject: "Fine subject", department: "sales", priority: "LOW", type: "bug", message: "ok" };
    expect(submissionErrors(submit({ ...ok, files: [file("F1", 2048)] }), form("en"))).toEqual({
      attachments: "The file F1.png is over the 1 KB limit.",
    });
    const fromMessage = JSON.stringify({
      source: { channel: "C1", ts: "1.000001" },
      files: [{ id: "F0", name: "log.txt" }],
    });
    expect(
      submissionErrors(submit({ ...ok, files: [file("F1", 10), file("F2", 10)] }, fromMessage), form("en")),
    ).toEqual({
      attachments: "Send at most 1 files per message (you sent 2).",
    });
  });

  it("leaves the file field out when a marked message already brings the most files allowed", () => {
    const prefill = {
      subject: "s",
      message: "m",
      source: { channel: "C1", ts: "1.000001" },
      files: [
        { id: "A", name: "a" },
        { id: "B", name: "b" },
      ],
    };
    const blocks = ticketModal(form("en"), prefill).blocks.map((b) =>
      "block_id" in b ? b.block_id : b.type,
    );
    expect(blocks).toEqual(["context", "subject", "department", "priority", "type", "message"]);
  });
});

describe("configuration", () => {
  const base = {
    SLACK_BOT_TOKEN: "xoxb-1-2-abc",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_AGENT_CHANNEL_ID: "C0AGENTS",
  };

  it("is off without a bot token, and says what is missing with one", () => {
    expect(slackSettings(loadConfig({}))).toEqual({ ok: true, value: null });
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc" })).toThrow(ConfigError);
    expect(slackSettings({ ...loadConfig({}), SLACK_BOT_TOKEN: "xoxb-1-2-abc" })).toEqual({
      ok: false,
      error: [
        "  SLACK_AGENT_CHANNEL_ID: required when SLACK_BOT_TOKEN is set",
        "  SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (or SLACK_APP_TOKEN for Socket Mode)",
      ],
    });
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc" })).toThrow(
      /SLACK_AGENT_CHANNEL_ID: required[\s\S]*SLACK_SIGNING_SECRET: required/,
    );
    const socketMode = slackSettings(
      loadConfig({ ...base, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: "xapp-1-A1-abc" }),
    );
    expect(socketMode.ok && socketMode.value?.signingSecret).toBeNull();
  });

  it("reads the department channels and the defaults", () => {
    const settings = slackSettings(
      loadConfig({ ...base, SLACK_DEPARTMENT_CHANNELS: "Technical=C0TECH, sales=C0SALES" }),
    );
    expect(settings.ok && settings.value).toMatchObject({
      departmentChannels: { technical: "C0TECH", sales: "C0SALES" },
      notePrefix: "note:",
      roundRobin: false,
      apiUrl: "https://slack.com/api/",
      agentUsergroup: null,
    });
    expect(() => loadConfig({ ...base, SLACK_DEPARTMENT_CHANNELS: "sales:C0SALES" })).toThrow(
      /SLACK_DEPARTMENT_CHANNELS/,
    );
    expect(() => loadConfig({ ...base, SLACK_BOT_TOKEN: "xoxp-user-token" })).toThrow(
      /SLACK_BOT_TOKEN: expected the Bot User OAuth Token/,
    );
  });
});

describe("the Slack app manifest", () => {
  const manifest = readFileSync(join(import.meta.dirname, "../../slack-app-manifest.yaml"), "utf8");
  const listed = (section: string) => {
    const start = manifest.indexOf(`${section}:\n`);
    const lines = manifest.slice(start).split("\n").slice(1);
    const items: string[] = [];
    for (const line of lines) {
      if (line.trim().startsWith("#")) continue;
      if (!line.trim().startsWith("- ")) break;
      items.push(line.trim().slice(2));
    }
    return items;
  };

  it("sends the command, interactivity and events to /slack/events", () => {
    expect(manifest.match(/(url|request_url): (\S+)/g)).toEqual([
      "url: https://chamado.example.com/slack/events",
      "request_url: https://chamado.example.com/slack/events",
      "request_url: https://chamado.example.com/slack/events",
    ]);
    expect(manifest).toContain("- command: /ticket");
    expect(manifest).toContain("home_tab_enabled: true");
    expect(manifest).toContain("messages_tab_enabled: true");
  });

  it("subscribes to every event the app listens to, with the scopes its calls need", () => {
    expect(listed("bot_events").sort()).toEqual([
      "app_home_opened",
      "message.channels",
      "message.groups",
      "message.im",
      "reaction_added",
    ]);
    expect(listed("bot").sort()).toEqual(
      [
        "channels:history",
        "channels:read",
        "chat:write",
        "commands",
        "files:read",
        "files:write",
        "groups:history",
        "groups:read",
        "im:history",
        "im:write",
        "reactions:read",
        "reactions:write",
        "usergroups:read",
        "users:read",
      ].sort(),
    );
  });
});
