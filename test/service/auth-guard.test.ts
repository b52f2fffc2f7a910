import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "../../src/adapters/http/logger.js";
import { signatureOf as slackSignatureOf } from "../../src/adapters/slack/verify.js";
import { signatureOf as whatsappSignatureOf } from "../../src/adapters/whatsapp/cloud/signature.js";
import { once } from "../support/once.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { utf8 } from "../sweep/support/hostile-inputs.js";
import { SECRETS, type SweepService, startSweepService } from "../sweep/support/sweep-service.js";

const LIMIT = 5;
const METRICS_TOKEN = "metrics-token-0123456789abcdef";

describeWith(
  { pg: true, redis: true },
  "failed authentication is limited per source and per key prefix",
  () => {
    let s: SweepService;
    const logs: string[] = [];
    const prefix = `chamado-test:auth:${randomBytes(4).toString("hex")}:`;
    let addressCounter = 0;
    /** Every request comes from its own address (X-Forwarded-For, trusted here) unless it names one. */
    const from = (address = `198.51.100.${++addressCounter}`) => ({ "x-forwarded-for": address });

    beforeAll(async () => {
      const sink = new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      });
      s = await startSweepService({
        env: {
          AUTH_FAILURES_PER_MINUTE: String(LIMIT),
          TRUST_PROXY: "true",
          METRICS_TOKEN,
          REDIS_URL: process.env.REDIS_URL!,
          REDIS_KEY_PREFIX: prefix,
        },
        logger: createLogger("info", sink),
      });
    });
    afterAll(async () => {
      await s?.stop();
      const redis = new Redis(process.env.REDIS_URL!);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });

    const telegram = (secret: string, headers: Record<string, string>) =>
      fetch(`${s.url}/telegram/webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-telegram-bot-api-secret-token": secret,
          ...headers,
        },
        body: JSON.stringify({ update_id: 1 }),
      });
    const api = (key: string, headers: Record<string, string>) =>
      fetch(`${s.url}/api/v1/tickets`, { headers: { authorization: `Bearer ${key}`, ...headers } });
    const metric = async (line: string) => {
      const text = await (
        await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      return Number(
        text
          .split("\n")
          .find((l) => l.startsWith(line))
          ?.split(" ")
          .at(-1) ?? 0,
      );
    };

    const spendOneAddress = once(async () => {
      const attacker = from("203.0.113.7");
      const statuses = [];
      for (let i = 0; i < LIMIT; i++)
        statuses.push((await telegram(`guess-${i}-0123456789`, attacker)).status);
      const limited = await telegram("one-more-guess-0123456789", attacker);
      return {
        statuses,
        limited: {
          status: limited.status,
          retryAfter: limited.headers.get("retry-after"),
          type: limited.headers.get("content-type"),
          json: await limited.json(),
        },
        rightSecret: (await telegram(SECRETS.telegramWebhook, attacker)).status,
        otherSource: (await telegram(SECRETS.telegramWebhook, from())).status,
      };
    });

    const failAtEveryDoor = once(async () => {
      const source = from("203.0.113.8");
      const body = utf8('{"object":"whatsapp_business_account","entry":[]}');
      const timestamp = String(Math.floor(Date.now() / 1000));
      const answers = [
        await fetch(`${s.url}/whatsapp/webhook`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-hub-signature-256": whatsappSignatureOf(body, "wrong-secret-0123"),
            ...source,
          },
          body,
        }),
        await fetch(`${s.url}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`, {
          headers: source,
        }),
        await fetch(`${s.url}/slack/events`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": slackSignatureOf("not-the-signing-secret", timestamp, Buffer.from(body)),
            ...source,
          },
          body,
        }),
        await api(`chd_${"A".repeat(43)}`, source),
        await fetch(`${s.url}/metrics`, { headers: { authorization: "Bearer wrong-token", ...source } }),
        await telegram("guess-0123456789abcdef", source),
      ];
      return answers.map((r) => r.status);
    });

    const guessOnePrefix = once(async () => {
      const guesses = [];
      for (let i = 0; i < LIMIT; i++)
        guesses.push((await api(`chd_SAMEPREF${"x".repeat(35)}${i}`, from())).status);
      return {
        guesses,
        samePrefix: (await api(`chd_SAMEPREF${"y".repeat(36)}`, from())).status,
        otherPrefix: (await api(`chd_OTHERPRE${"y".repeat(36)}`, from())).status,
        rightKey: (await api(s.apiKey, from())).status,
      };
    });

    it("answers 429 with Retry-After once an address spent its failures, without checking even a right secret", async () => {
      const { statuses, limited, rightSecret, otherSource } = await spendOneAddress();
      expect(statuses).toEqual(Array(LIMIT).fill(401));
      expect(limited.status).toBe(429);
      expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(limited.type).toContain("application/problem+json");
      expect(limited.json).toMatchObject({ code: "TOO_MANY_FAILED_ATTEMPTS" });
      expect(rightSecret).toBe(429);
      // Another source is not held back by this one.
      expect(otherSource).toBe(200);
    });

    it("counts signature and handshake failures of every door against the same source", async () => {
      expect(await failAtEveryDoor()).toEqual([401, 403, 401, 401, 401, 429]);
    });

    it("limits guesses at one key prefix whichever addresses they come from", async () => {
      const { guesses, samePrefix, otherPrefix, rightKey } = await guessOnePrefix();
      expect(guesses).toEqual(Array(LIMIT).fill(401));
      expect(samePrefix).toBe(429);
      expect(otherPrefix).toBe(401);
      expect(rightKey).toBe(200);
    });

    it("counts the events, and logs them without the secrets tried or the paths asked for", async () => {
      await spendOneAddress();
      await failAtEveryDoor();
      await guessOnePrefix();
      expect(
        await metric('chamado_security_events_total{kind="auth_failed",door="telegram"}'),
      ).toBeGreaterThanOrEqual(LIMIT);
      expect(
        await metric('chamado_security_events_total{kind="auth_failed",door="api"}'),
      ).toBeGreaterThanOrEqual(LIMIT);
      expect(
        await metric('chamado_security_events_total{kind="auth_rate_limited",door="telegram"}'),
      ).toBeGreaterThanOrEqual(2);
      const events = logs.filter((l) => l.includes('"securityEvent"'));
      expect(
        events.some((l) => l.includes('"securityEvent":"auth_failed"') && l.includes('"door":"whatsapp"')),
      ).toBe(true);
      expect(events.some((l) => l.includes('"securityEvent":"auth_rate_limited"'))).toBe(true);
      const all = logs.join("\n");
      for (const tried of ["guess-0-0123456789", "SAMEPREF", "wrong-token", "hub.verify_token"])
        expect(all).not.toContain(tried);
    });

    it("keeps the counts in Redis, where every instance shares them", async () => {
      await spendOneAddress();
      await guessOnePrefix();
      const redis = new Redis(process.env.REDIS_URL!);
      const keys = await redis.keys(`${prefix}rate:auth:*`);
      await redis.quit();
      expect(keys).toEqual(expect.arrayContaining([`${prefix}rate:auth:addr:203.0.113.7`]));
      expect(keys.some((k) => k.startsWith(`${prefix}rate:auth:key:chd_SAMEPREF`))).toBe(true);
    });
  },
);
