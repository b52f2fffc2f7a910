import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntrySpec {
  readonly name: string;
  readonly data?: Uint8Array | string;
  readonly method?: "store" | "deflate";
  /** Lie in both headers about the inflated size, like a zip bomb's directory would. */
  readonly declaredUncompressedSize?: number;
}

const UTF8_NAMES = 0x0800;

/** Minimal single-disk, non-zip64 writer: just enough real zip for yauzl and file-type to read. */
export function buildZip(specs: readonly ZipEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;

  for (const spec of specs) {
    const name = Buffer.from(spec.name, "utf8");
    const raw = typeof spec.data === "string" ? Buffer.from(spec.data, "utf8") : Buffer.from(spec.data ?? []);
    const deflate = spec.method === "deflate";
    const body = deflate ? deflateRawSync(raw) : raw;
    const uncompressedSize = spec.declaredUncompressedSize ?? raw.length;
    const fields = {
      method: deflate ? 8 : 0,
      crc: crc32(raw),
      compressedSize: body.length,
      uncompressedSize,
    };

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressedSize, 18);
    local.writeUInt32LE(fields.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(fields.method, 10);
    central.writeUInt32LE(fields.crc, 16);
    central.writeUInt32LE(fields.compressedSize, 20);
    central.writeUInt32LE(fields.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }

  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(specs.length, 8);
  end.writeUInt16LE(specs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);

  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
