import { createServer, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

export interface EmbeddedServer {
  host: string;
  port: number;
  /** Starts answering; connections that arrive before wait for it. */
  attach(db: PGlite): void;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);
const ROLLBACK = query("ROLLBACK");

/**
 * Serves a PGlite over the PostgreSQL wire protocol on 127.0.0.1, so other processes can use
 * the embedded database while this one owns its directory.
 *
 * PGlite is one backend session. @electric-sql/pglite-socket's server interleaves clients per
 * message, and not with this process's own queries: an in-process transaction and a socket
 * client end up running statements inside each other's transactions (tried with 0.2.17:
 * "unnamed prepared statement does not exist", then a hang). Here a client holds the session,
 * through PGlite's own transaction mutex, from its first message until the backend is idle
 * again: a whole transaction, or one query outside a transaction. The in-process
 * adapter takes that mutex for every query and transaction, so everyone queues on one lock.
 * Not carried: COPY ... FROM STDIN (its data follows the query) and LISTEN/NOTIFY.
 */
export async function listenEmbedded(): Promise<EmbeddedServer> {
  let attach!: (db: PGlite) => void;
  let abandon!: (reason: Error) => void;
  const ready = new Promise<PGlite>((resolve, reject) => {
    attach = resolve;
    abandon = reject;
  });
  // Sessions waiting for a database that will never come end with their sockets instead.
  ready.catch(() => {});
  const sessions = new Set<Promise<void>>();
  const server = createServer((socket) => {
    const done = serveSession(socket, ready);
    sessions.add(done);
    void done.finally(() => sessions.delete(done));
  });
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("embedded server has no TCP address");
  return {
    host: address.address,
    port: address.port,
    attach,
    async close() {
      abandon(new Error("embedded server closed"));
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await Promise.all([closed, ...sessions]);
    },
  };
}

/** Resolves once the client is gone and the session it may have held is back to idle and released. */
function serveSession(socket: Socket, ready: Promise<PGlite>): Promise<void> {
  let buffered = Buffer.alloc(0);
  let started = false;
  let release: (() => void) | undefined;
  // Messages run strictly in arrival order; the cleanup on close is the last link.
  let chain = Promise.resolve();

  const enqueue = (message: Buffer, endsUnit: boolean) => {
    chain = chain
      .then(async () => {
        const db = await ready;
        if (!socket.writable) return;
        release ??= await holdSession(db);
        const reply = await db.runExclusive(() => db.execProtocolRaw(message));
        if (socket.writable) socket.write(reply);
        if (endsUnit && !db.isInTransaction()) {
          release();
          release = undefined;
        }
      })
      .catch(() => {
        socket.destroy();
      });
  };

  socket.setNoDelay(true);
  socket.on("data", (data) => {
    buffered = Buffer.concat([buffered, data]);
    for (;;) {
      const next = started ? typedMessage(buffered) : startupMessage(buffered);
      if (!next) return;
      buffered = buffered.subarray(next.length);
      if (!started) {
        const code = next.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          socket.write("N");
          continue;
        }
        // There is no backend to signal: PostgreSQL answers nothing either way.
        if (code === CANCEL_REQUEST) return void socket.end();
        started = true;
        enqueue(next, true);
        continue;
      }
      const type = String.fromCharCode(next[0] ?? 0);
      // PGlite ignores Terminate; closing the socket is what ends the session.
      if (type === "X") return void socket.end();
      enqueue(next, type === "S" || type === "Q");
    }
  });

  return new Promise((resolve) => {
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      void chain
        .then(async () => {
          if (!release) return;
          const db = await ready;
          try {
            // Leave the backend as a new client expects it: out of any half-sent extended query, then of any transaction.
            await db.runExclusive(async () => {
              await db.execProtocolRaw(SYNC);
              if (db.isInTransaction()) await db.execProtocolRaw(ROLLBACK);
            });
          } finally {
            release();
          }
        })
        .catch(() => {})
        .then(resolve);
    });
  });
}

/** Takes PGlite's transaction mutex and returns the function that gives it back. */
function holdSession(db: PGlite): Promise<() => void> {
  return new Promise((held) => {
    void db._runExclusiveTransaction(() => new Promise<void>((release) => held(release)));
  });
}

function startupMessage(buffer: Buffer): Buffer | undefined {
  if (buffer.length < 8) return undefined;
  const length = buffer.readInt32BE(0);
  return buffer.length >= length ? buffer.subarray(0, length) : undefined;
}

function typedMessage(buffer: Buffer): Buffer | undefined {
  if (buffer.length < 5) return undefined;
  const length = 1 + buffer.readInt32BE(1);
  return buffer.length >= length ? buffer.subarray(0, length) : undefined;
}

function query(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const header = Buffer.alloc(5);
  header.write("Q", 0);
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}
