import { chmod, mkdir, unlink } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/** PostgreSQL clients find a server's socket as `<dir>/.s.PGSQL.<port>`: `host` is the folder. */
export const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
/** Linux's limit for a socket path (sun_path, 108 bytes with the terminating NUL). */
const MAX_SOCKET_PATH = 107;

export interface EmbeddedServer {
  /** The folder holding the socket, as PostgreSQL clients take it for `host`. */
  socketDir: string;
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
 * Serves a PGlite over the PostgreSQL wire protocol on a Unix socket in `<dataDir>/run/`, so other
 * processes of the same user can use the embedded database while this one owns its directory. The
 * folder is 0700 and the socket 0600: other local users cannot connect (there is no password), and
 * nothing listens on TCP.
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
export async function listenEmbedded(
  dataDir: string,
  /** Whether a socket already there is a dead owner's (then replaced) rather than a live one's. */
  isStale: () => Promise<boolean>,
): Promise<EmbeddedServer | undefined> {
  const socketDir = join(dataDir, "run");
  const socketPath = join(socketDir, SOCKET_NAME);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new Error(
      `DATA_DIR is too deep for the embedded database's socket (${socketPath} is over ${MAX_SOCKET_PATH} bytes); use a shorter DATA_DIR`,
    );
  }
  // Created owner-only before the socket exists, so there is no moment it can be reached by others.
  await mkdir(socketDir, { recursive: true, mode: 0o700 });
  await chmod(socketDir, 0o700);
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
  if (!(await listenOn(server, socketPath))) {
    if (!(await isStale())) return undefined;
    await unlink(socketPath).catch(() => {});
    if (!(await listenOn(server, socketPath))) return undefined;
  }
  await chmod(socketPath, 0o600);
  return {
    socketDir,
    attach,
    async close() {
      abandon(new Error("embedded server closed"));
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await Promise.all([closed, ...sessions]);
    },
  };
}

/** False when a socket file is already there (a live owner's, or a dead one's left behind). */
function listenOn(server: Server, path: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") resolve(false);
      else reject(error);
    };
    server.once("error", failed);
    server.listen(path, () => {
      server.off("error", failed);
      resolve(true);
    });
  });
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
