import { connect, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  /** host:port, for building URLs. */
  readonly address: string;
  /** Severs every open connection and resets new ones until `restore` (a crashed or partitioned server). */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 that a test puts between the service and PostgreSQL or Redis, so an
 * outage can be switched on and off without touching the shared servers.
 */
export const startTcpProxy = async (target: { host: string; port: number }): Promise<TcpProxy> => {
  const pairs = new Set<[Socket, Socket]>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) return void client.resetAndDestroy();
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("proxy has no TCP address");
  const proxy: TcpProxy = {
    host: "127.0.0.1",
    port: address.port,
    address: `127.0.0.1:${address.port}`,
    cut() {
      open = false;
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    restore() {
      open = true;
    },
    async close() {
      proxy.cut();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return proxy;
};
