/**
 * A local emulator of Polytomic's REST API, for trying pulumi-polytomic, testing Pulumi programs and
 * running CI previews offline. `startEmulator({ port: 0 })` starts one on 127.0.0.1.
 *
 * @packageDocumentation
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { ApiVersion, RouteContext } from "./context";
import { FaultController, type FaultRule, parseFaultSpec } from "./faults";
import { buildServer, type RequestLogEntry } from "./server";
import { Store } from "./store";

export type { ApiVersion } from "./context";
export type { FaultRule } from "./faults";
export { FaultController, parseFaultSpec } from "./faults";
export type { RequestLogEntry } from "./server";
export type { StoreKind } from "./store";
export { Store } from "./store";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** The API key clients must send; generated when absent. */
  readonly apiKey?: string;
  /** The organization the key belongs to (used by `/api/me` and the Basic organization-scoped form). */
  readonly organizationId?: string;
  /** File to keep state in across restarts; in memory when absent. */
  readonly statePath?: string;
  /** Version served when a request has no `X-Polytomic-Version`; default 2025-09-18. */
  readonly defaultApiVersion?: ApiVersion;
  /** How long a connection's schema cache takes to become ready; default 2000 ms. */
  readonly schemaCacheDelayMs?: number;
  /** Faults to inject from the start: rules or the CLI grammar (see faults.ts). */
  readonly faults?: string | readonly FaultRule[];
  /** Seed of the fault injector's random numbers. */
  readonly faultSeed?: number;
}

/** A running emulator. */
export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  readonly organizationId: string;
  /** Every request answered so far (no bodies, no secrets). */
  readonly requestLog: readonly RequestLogEntry[];
  /** Fault injection. */
  readonly faults: FaultController;
  /** The state, for inspection and out-of-band changes in tests. */
  readonly store: Store;
  /**
   * Live traffic: requests received so far (answered or not) and those still unanswered. Crash runs
   * read it to kill a client at a chosen request and to tell whether a kill landed mid-request.
   */
  readonly traffic: { readonly received: number; readonly inFlight: number };
  /** Counts logged requests, optionally by method and path prefix. */
  countRequests(filter?: { method?: string; pathPrefix?: string }): number;
  /** Forgets the request log. */
  clearRequestLog(): void;
  /** Completes the OAuth flow of a connection, as visiting its auth_url does. */
  completeOAuth(connectionId: string): Promise<void>;
  /** Stops listening. */
  close(): Promise<void>;
}

/** Starts an emulator on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const store = new Store(options.statePath);
  const apiKey = options.apiKey ?? `emu_${randomBytes(18).toString("base64url")}`;
  const organizationId = options.organizationId ?? randomUUID();
  const faults = new FaultController(
    typeof options.faults === "string" ? parseFaultSpec(options.faults) : (options.faults ?? []),
    options.faultSeed,
  );
  const log: RequestLogEntry[] = [];
  let url = "";
  const ctx: RouteContext = {
    store,
    organizationId,
    schemaCacheDelayMs: options.schemaCacheDelayMs ?? 2000,
    baseUrl: () => url,
  };
  const app = buildServer(ctx, store, {
    apiKey,
    defaultApiVersion: options.defaultApiVersion ?? "2025-09-18",
    faults,
    log,
  });
  await app.listen({ host: "127.0.0.1", port: options.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  const traffic = { received: 0, inFlight: 0 };
  app.server.on("request", (_request, response) => {
    traffic.received++;
    traffic.inFlight++;
    response.once("close", () => traffic.inFlight--);
  });
  return {
    url,
    port,
    apiKey,
    organizationId,
    requestLog: log,
    faults,
    store,
    traffic,
    countRequests(filter = {}) {
      return log.filter(
        (e) =>
          (!filter.method || e.method === filter.method) &&
          (!filter.pathPrefix || e.path.startsWith(filter.pathPrefix)),
      ).length;
    },
    clearRequestLog() {
      log.length = 0;
    },
    async completeOAuth(connectionId) {
      await app.inject({ method: "GET", url: `/oauth/authorize/${connectionId}` });
    },
    async close() {
      await app.close();
    },
  };
}
