/**
 * Failures after the object exists. When the POST succeeded but a follow-up call fails (reading back a
 * bulk sync's schemas, say), throwing a plain error would leave the object in Polytomic and out of the
 * stack. Instead the error carries the id and properties: the dynamic-provider host reports it as a
 * resource that failed to initialize, the engine records it in state, and the next `pulumi up`
 * updates it rather than creating another.
 */

/** An error for an object that was created but not fully set up (fields the provider host reads). */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    /** The created object's id. */
    readonly id: string,
    /** State to record: the inputs (with the serialized provider) plus what is known of the outputs. */
    readonly properties: Record<string, unknown>,
    /** Why initialization failed. */
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "ResourceInitError";
  }
}

/**
 * Runs the follow-up `work` for the object `id` just created from `inputs`; if it fails, rethrows as a
 * {@link ResourceInitError} so the object stays in the stack. `inputs` still holds the serialized
 * provider (`__provider`) the host passed to create, which later reads and updates need.
 */
export async function afterCreate<T>(
  label: string,
  id: string,
  inputs: object,
  known: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ResourceInitError(
      `${label}: created as ${id}, but setting it up failed: ${reason}; run \`pulumi up\` again to finish`,
      id,
      { ...inputs, ...known },
      [reason],
    );
  }
}
