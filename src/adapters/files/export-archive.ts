import type { ContactExport } from "../../core/privacy/export.js";
import { buildZip } from "./zip-writer.js";

/** The export as one zip: `contact.json` first, then the files at the paths the document names. */
export const exportArchive = (data: ContactExport, at: Date): Uint8Array =>
  buildZip(
    [
      {
        name: "contact.json",
        bytes: new TextEncoder().encode(`${JSON.stringify(data.document, null, 2)}\n`),
      },
      ...data.files.map((f) => ({ name: f.path, bytes: f.bytes })),
    ],
    at,
  );
