import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname } from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DiffTarget, SchemaEngine as WasmEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { readMigrations, SCHEMA_PATH } from "./migration-files.js";

/** Where a schema comes from, on either side of a diff. */
export type SchemaSource =
  | { kind: "empty" }
  | { kind: "migrations"; dir: string }
  | { kind: "schema"; path: string }
  /** The database the engine's adapter factory connects to. */
  | { kind: "database" };

export interface SchemaDiff {
  empty: boolean;
  /** Executable SQL; Prisma's "-- This is an empty migration." when empty. */
  script: string;
}

export interface SchemaEngine {
  diff(from: SchemaSource, to: SchemaSource): Promise<SchemaDiff>;
  /** Applies the folder's pending migrations, recording them in `_prisma_migrations`; returns their names. */
  applyMigrations(migrationsDir: string): Promise<string[]>;
  close(): void;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Runs Prisma's schema engine in-process over a driver adapter: the native engine is a
 * binary Prisma downloads, which offline machines cannot do. Shadow databases (for diffs
 * from a migrations folder) come from the factory's connectToShadowDb.
 */
export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  onLog: (line: string) => void = () => {},
): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadWasm();
  const engine: WasmEngine = await SchemaEngine.new(
    { datamodels: undefined },
    onLog,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  return {
    async diff(from, to) {
      const params = { from: await toTarget(from), to: await toTarget(to) };
      const result = await engine.diff({ ...params, script: true, exitCode: true, filters: NO_FILTERS });
      // With exitCode set the engine answers 2 exactly when the schemas differ.
      return { empty: result.exitCode === 0, script: result.stdout ?? "" };
    },
    async applyMigrations(migrationsDir) {
      const migrationsList = await readMigrations(migrationsDir);
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      return appliedMigrationNames;
    },
    close: () => engine.free(),
  };
}

async function toTarget(source: SchemaSource): Promise<DiffTarget> {
  switch (source.kind) {
    case "empty":
      return { tag: "empty" };
    case "migrations":
      return { tag: "migrations", ...(await readMigrations(source.dir)) };
    case "schema":
      return { tag: "schemaDatamodel", files: [await schemaFile(source.path)] };
    case "database":
      // The engine takes the provider from the schema's datasource block and the connection from the adapter.
      return {
        tag: "schemaDatasource",
        files: [await schemaFile(SCHEMA_PATH)],
        configDir: dirname(SCHEMA_PATH),
      };
  }
}

async function schemaFile(path: string) {
  return { path: basename(path), content: await readFile(path, "utf8") };
}

type WasmModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
// Without the DOM lib, TypeScript knows WebAssembly only as a namespace of types.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};
let wasm: Promise<WasmModule> | undefined;

// The glue hands Rust panics to this global (Prisma's CLI installs one too); without it the glue
// throws a TypeError that hides the panic. The trap that follows is raised from a wasm-bindgen
// task, not from the pending call, so it ends the process: the message is written out first.
Object.assign(globalThis, {
  PRISMA_WASM_PANIC_REGISTRY: {
    set_message(message: string) {
      process.stderr.write(`Prisma schema engine panicked: ${message}\n`);
    },
  },
});

// The package's entry does `import * as wasm from "./schema_engine_bg.wasm"`, which needs
// Node's experimental wasm modules; instantiating the bytes ourselves works on Node 20.
function loadWasm(): Promise<WasmModule> {
  wasm ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue: WasmModule = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return wasm;
}
