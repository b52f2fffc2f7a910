import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWith } from "../support/pg-database-for-service.js";
import { startApiService } from "./support.js";

/** What the API answers besides its operations' own results, and that the OpenAPI document says so. */
describeWith({ pg: true }, "REST API: every status it answers, documented", () => {
  let s: Awaited<ReturnType<typeof startApiService>>;
  beforeAll(async () => {
    s = await startApiService();
  });
  afterAll(async () => {
    await s?.stop();
  });

  const raw = (method: string, path: string, init: RequestInit = {}) =>
    fetch(`${s.service.url}/api/v1${path}`, { method, ...init });

  it("answers a method a path does not take with 405 and Allow; an unknown path stays 404", async () => {
    const wrong = await raw("DELETE", "/tickets/TKT-000001");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, HEAD");
    expect(wrong.headers.get("content-type")).toContain("application/problem+json");
    expect(await wrong.json()).toMatchObject({ status: 405, code: "METHOD_NOT_ALLOWED" });
    const post = await raw("GET", "/tickets/TKT-000001/replies");
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("POST");
    const put = await raw("PATCH", "/tickets");
    expect(put.headers.get("allow")).toBe("GET, POST, HEAD");
    expect((await raw("GET", "/nothing-here")).status).toBe(404);
    expect((await raw("GET", "/tickets/TKT-000001/nothing")).status).toBe(404);
  });

  it("answers a cursor it did not hand out with 400, not the first page", async () => {
    for (const cursor of [
      "garbage",
      "%%%",
      Buffer.from('{"field":"number","value":1}').toString("base64url"),
    ]) {
      const response = await s.agent.get(`/tickets?cursor=${encodeURIComponent(cursor)}`);
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ code: "INVALID_CURSOR" });
    }
    // A real cursor of another sort is refused too.
    for (let i = 0; i < 2; i++)
      await s.acme.post("/tickets", {
        subject: `Pedido ${i}`,
        department: "technical",
        priority: "LOW",
        type: "support",
        message: "Texto do pedido.",
      });
    const first = await s.agent.get("/tickets?limit=1&sort=number");
    expect(first.json.nextCursor).toEqual(expect.any(String));
    expect((await s.agent.get(`/tickets?limit=1&sort=number&cursor=${first.json.nextCursor}`)).status).toBe(
      200,
    );
    expect((await s.agent.get(`/tickets?limit=1&sort=created&cursor=${first.json.nextCursor}`)).status).toBe(
      400,
    );
  });

  it("answers 413 and 415 on writes, and the OpenAPI document lists 405, 413 and 415", async () => {
    const big = await raw("POST", "/tickets", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    const text = await raw("POST", "/tickets", { headers: { "content-type": "text/plain" }, body: "hello" });
    expect(text.status).toBe(415);
    const doc = (await (await raw("GET", "/openapi.json")).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path]![method]!.responses);
    expect(statuses("/tickets", "post")).toEqual(
      expect.arrayContaining(["400", "401", "405", "413", "415", "503"]),
    );
    expect(statuses("/tickets", "get")).toEqual(expect.arrayContaining(["400", "401", "405", "503"]));
    expect(statuses("/tickets", "get")).not.toContain("413");
  });
});
