/**
 * A real HTTP server on 127.0.0.1, port 0, for tests that need real sockets: timeouts, dropped
 * connections, keep-alive and concurrency. Each handler call gets the 1-based request number.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A running loopback server. */
export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Requests received so far. */
  readonly requests: IncomingMessage[];
  /** TCP connections accepted so far. */
  readonly connections: () => number;
  /** Ends every connection and stops listening. */
  close(): Promise<void>;
}

/** Handles one request; `n` counts from 1. */
export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** Starts a server on 127.0.0.1 with an OS-assigned port. */
export async function startLoopback(handler: Handler): Promise<Loopback> {
  const requests: IncomingMessage[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    requests.push(req);
    // Drain the request body so a handler may answer before reading it.
    req.resume();
    handler(req, res, requests.length);
  });
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        // Handlers that never answer keep sockets open; close() alone would wait for them forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Answers with a JSON body. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
