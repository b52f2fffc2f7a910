/**
 * JSON laid out the way `biome format` lays it out (objects expanded, arrays on one line when they
 * fit in the configured 110 columns), so result files written by a run leave `biome check .` clean.
 */
const LINE_WIDTH = 110;

const render = (value: unknown, indent: string, prefixWidth: number): string => {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const flat = value.every((v) => v === null || typeof v !== "object");
    if (flat) {
      const inline = `[${value.map((v) => JSON.stringify(v ?? null)).join(", ")}]`;
      // +1 for the comma that may follow.
      if (prefixWidth + inline.length + 1 <= LINE_WIDTH) return inline;
    }
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${render(v ?? null, inner, inner.length)}`).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    const lines = entries.map(([k, v]) => {
      const head = `${inner}${JSON.stringify(k)}: `;
      return `${head}${render(v, inner, head.length)}`;
    });
    return `{\n${lines.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
};

export const toJsonText = (value: unknown): string => `${render(value, "", 0)}\n`;
