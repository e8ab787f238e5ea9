/**
 * Raw HTTP against an emulator, as the documentation's curl examples send it.
 */
import type { Emulator } from "../../emulator";

/** A decoded response. */
export interface RawResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Sends one request with the emulator's key (unless `authorization` is overridden). */
export type Call = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<RawResponse>;

/** A `call` bound to the emulator `emu()` returns at call time (tests start a new one per case). */
export function rawClient(emu: () => Emulator): Call {
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${emu().url}${path}`, {
      method,
      redirect: "manual",
      headers: {
        accept: "application/json",
        authorization: `Bearer ${emu().apiKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      headers: response.headers,
    };
  };
}

/** The `data` of an enveloped response. */
export const data = (r: { body: Record<string, unknown> }) => r.body.data as Record<string, unknown>;

/**
 * Creates an object through `call`, as objects made out of band are, and returns its id; throws with
 * the path, status and answer when the API did not create it.
 */
export async function createdId(call: Call, path: string, body: unknown): Promise<string> {
  const response = await call("POST", path, body);
  const id = response.status === 200 ? data(response)?.id : undefined;
  if (typeof id !== "string")
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return id;
}

/**
 * A `call` shaped as the Go SDK (polytomic-go, which the official Terraform provider uses) sends
 * requests: `Content-Type: application/json` on every request, body or not, and the version the
 * Terraform provider pins (2024-02-08) unless `headers` says otherwise.
 */
export function goClient(emu: () => Emulator): Call {
  const call = rawClient(emu);
  return (method, path, body, headers = {}) =>
    call(method, path, body, {
      "content-type": "application/json",
      "X-Polytomic-Version": "2024-02-08",
      "User-Agent": "polytomic-go",
      ...headers,
    });
}
