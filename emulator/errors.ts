/**
 * The API's error envelope, `{status, message, key?, metadata?}`, as one error class every route throws.
 * Routes never build one directly: they raise a named rule with `refuse` (rules.ts), whose registry
 * lists every rejection with its source. The one other maker is {@link injectedFault}, for the faults
 * a caller asks for (`--faults`), which model the infrastructure in front of the API, not its rules.
 */

/** An error answered to the client in Polytomic's envelope. */
export class ApiError extends Error {
  /**
   * @param status HTTP status code.
   * @param message Human-readable message; names the offending field where there is one.
   * @param metadata Structured detail (for example `used_by` on "connection in use").
   * @param key Machine-readable error key.
   * @param rule The id of the rule (rules.ts) that raised it; absent for an injected fault.
   */
  constructor(
    readonly status: number,
    message: string,
    readonly metadata: Record<string, unknown> | null = null,
    readonly key?: string,
    readonly rule?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The response body. */
  toBody(): Record<string, unknown> {
    return {
      status: this.status,
      message: this.message,
      ...(this.key ? { key: this.key } : {}),
      metadata: this.metadata,
    };
  }
}

/** The answer of an injected fault (`status=<code>` of `--faults`): not an API rule. */
export function injectedFault(status: number): ApiError {
  return new ApiError(status, status === 429 ? "rate limit exceeded" : "service unavailable");
}
