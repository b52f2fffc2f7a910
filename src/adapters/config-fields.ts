import { z } from "zod";

export const int = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `expected a whole number between ${min} and ${max}` })
    .int({ error: `expected a whole number between ${min} and ${max}` })
    .min(min, { error: `expected a whole number between ${min} and ${max}` })
    .max(max, { error: `expected a whole number between ${min} and ${max}` })
    .default(fallback);

export const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { error: "expected true or false" })
    .transform((v) => ["true", "1", "yes", "on"].includes(v))
    .default(fallback);

export const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(
      z
        .url({ error: `expected a URL starting with ${protocols.join(" or ")}` })
        .refine((v) => protocols.some((p) => v.startsWith(p)), {
          error: `expected a URL starting with ${protocols.join(" or ")}`,
        })
        .optional(),
    )
    .optional();
