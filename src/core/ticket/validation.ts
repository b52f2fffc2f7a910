import { z } from "zod";
import { err, ok, type Result } from "../shared/result.js";
import type { CoreError, FieldIssue, FieldProblem } from "./errors.js";
import { normalizeText, textProblem } from "./text-rule.js";

/** Length as people count it: an emoji or an accented letter is one character. */
export const charCount = (text: string): number => [...text].length;

/** Refuses what the text rule (text-rule.ts) refuses, as a field problem; the value is left as is. */
export const storable = (value: string, ctx: z.core.$RefinementCtx<string>) => {
  const found = textProblem(value);
  if (found) ctx.addIssue(problem(found));
};

/**
 * A trimmed text field under the text rule, whose limits are checked in characters (after NFC) and
 * reported with the actual count.
 */
export const text = (min: number, max: number) =>
  z
    .string()
    .superRefine(storable)
    .transform((value) => normalizeText(value).trim())
    .superRefine((value, ctx) => {
      const actual = charCount(value);
      if (actual === 0 && min > 0) ctx.addIssue(problem({ code: "REQUIRED" }));
      else if (actual < min) ctx.addIssue(problem({ code: "TOO_SHORT", min, actual }));
      else if (actual > max) ctx.addIssue(problem({ code: "TOO_LONG", max, actual }));
    });

/** A short string that is not prose (an id, an external key) under the same text rule, not trimmed. */
export const plainString = (min: number, max: number) =>
  z.string().min(min).max(max).superRefine(storable).transform(normalizeText);

/** One of a closed list of codes, matched case-insensitively. */
export const oneOf = (allowed: readonly string[]) =>
  z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .superRefine((value, ctx) => {
      if (!allowed.some((a) => a.toLowerCase() === value))
        ctx.addIssue(problem({ code: "NOT_ONE_OF", allowed }));
    })
    .transform((value) => allowed.find((a) => a.toLowerCase() === value) ?? value);

function problem(p: FieldProblem) {
  return { code: "custom" as const, message: p.code, params: { problem: p } };
}

/**
 * A zod issue as a field problem, whether it came from the core's rules or from a wire schema (the
 * REST API's), so every 400 names fields and problems the same way.
 */
export const toFieldIssue = (issue: z.core.$ZodIssue): FieldIssue => {
  const field = issue.path.map(String).join(".") || "input";
  const params = (issue as { params?: { problem?: FieldProblem } }).params;
  if (params?.problem) return { field, problem: params.problem };
  if (issue.code === "invalid_value") {
    return { field, problem: { code: "NOT_ONE_OF", allowed: issue.values.map(String) } };
  }
  if (issue.code === "invalid_type" && issue.input === undefined)
    return { field, problem: { code: "REQUIRED" } };
  const input = (issue as { input?: unknown }).input;
  if (issue.code === "too_big" && issue.origin === "string" && typeof input === "string")
    return { field, problem: { code: "TOO_LONG", max: Number(issue.maximum), actual: charCount(input) } };
  if (issue.code === "too_small" && issue.origin === "string" && typeof input === "string")
    return input.length === 0
      ? { field, problem: { code: "REQUIRED" } }
      : { field, problem: { code: "TOO_SHORT", min: Number(issue.minimum), actual: charCount(input) } };
  return { field, problem: { code: "INVALID" } };
};

/** Parses a command at the core boundary; every field's problem is reported at once, nothing partial passes. */
export const validate = <S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>, CoreError> => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err({ code: "VALIDATION_FAILED", issues: parsed.error.issues.map(toFieldIssue) });
};
