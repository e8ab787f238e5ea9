/**
 * The API's error envelope, `{status, message, key?, metadata?}`, as one error class every route throws.
 */

/** An error answered to the client in Polytomic's envelope. */
export class ApiError extends Error {
  /**
   * @param status HTTP status code.
   * @param message Human-readable message; names the offending field where there is one.
   * @param metadata Structured detail (for example `used_by` on "connection in use").
   * @param key Machine-readable error key.
   */
  constructor(
    readonly status: number,
    message: string,
    readonly metadata: Record<string, unknown> | null = null,
    readonly key?: string,
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

/** 404 for an unknown id of `kind`. */
export function notFound(kind: string, id: string): ApiError {
  return new ApiError(404, `${kind} ${id} not found`);
}

/** 422 naming the field. */
export function invalid(field: string, reason: string): ApiError {
  return new ApiError(422, `${field}: ${reason}`);
}

/** 400 naming the field. */
export function badRequest(field: string, reason: string): ApiError {
  return new ApiError(400, `${field}: ${reason}`);
}

/** The exact body Polytomic answers while a source's schemas are not cached yet. */
export const NO_SCHEMAS_MESSAGE =
  "No schemas found. This can mean that the Polytomic has not cached any schemas yet. Please try again.";
