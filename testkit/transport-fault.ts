import type { ServerResponse } from "node:http";

/**
 * A fault below the platform's own error format: the request hangs (no answer until the fake
 * closes) or its connection is reset. Shared by the fake platform APIs.
 */
export type TransportFault = { readonly kind: "hang" } | { readonly kind: "reset" };

export const isTransportFault = (fault: object): fault is TransportFault =>
  "kind" in fault && (fault.kind === "hang" || fault.kind === "reset");

/** Acts the fault out on `res`: a hang leaves it open (the fake's close destroys the socket). */
export const actOut = (res: ServerResponse, fault: TransportFault): void => {
  if (fault.kind === "reset") res.socket?.resetAndDestroy();
};
