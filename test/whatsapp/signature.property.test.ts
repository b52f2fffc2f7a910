import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hasValidSignature,
  signatureOf,
  verificationChallenge,
} from "../../src/adapters/whatsapp/cloud/signature.js";

const SECRET = "app-secret";

describe("Meta's webhook signature and verification", () => {
  it("accepts exactly the HMAC-SHA256 of the raw body with the app secret", () => {
    const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
    const expected = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    expect(signatureOf(body, SECRET)).toBe(expected);
    expect(hasValidSignature(body, expected, SECRET)).toBe(true);
    expect(hasValidSignature(body, expected.toUpperCase().replace("SHA256=", "sha256="), SECRET)).toBe(true);
    expect(hasValidSignature(body, undefined, SECRET)).toBe(false);
    expect(hasValidSignature(undefined, expected, SECRET)).toBe(false);
    expect(hasValidSignature(body, [expected], SECRET)).toBe(false);
    expect(hasValidSignature(body, expected.replace("sha256=", "sha1="), SECRET)).toBe(false);
    expect(hasValidSignature(body, signatureOf(body, "other-secret"), SECRET)).toBe(false);
  });

  it("refuses any change to the body", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, flip) => {
          const header = signatureOf(bytes, SECRET);
          const changed = Uint8Array.from(bytes);
          const i = at % changed.length;
          changed[i] = changed[i]! ^ flip;
          expect(hasValidSignature(bytes, header, SECRET)).toBe(true);
          expect(hasValidSignature(changed, header, SECRET)).toBe(false);
        },
      ),
    );
  });

  it("answers the verification challenge only to a subscribe request with our token", () => {
    const query = { "hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444" };
    expect(verificationChallenge(query, "verify-me")).toBe("1158201444");
    expect(verificationChallenge({ ...query, "hub.verify_token": "verify-mf" }, "verify-me")).toBeNull();
    expect(verificationChallenge({ ...query, "hub.verify_token": "verify-me-too" }, "verify-me")).toBeNull();
    expect(verificationChallenge({ ...query, "hub.mode": "unsubscribe" }, "verify-me")).toBeNull();
    expect(
      verificationChallenge({ "hub.mode": "subscribe", "hub.verify_token": "verify-me" }, "verify-me"),
    ).toBeNull();
  });
});
