/**
 * Connections this provider process created. A bulk sync on such a source is part of the same
 * `pulumi up`, and its source's id was unknown at preview, so its `check` could not validate the schema
 * selection then; it leaves that validation to `create` instead. `check` calls run one at a time in the
 * engine (its step generator is serial) while creates run in parallel, so an API round trip in
 * `check` costs the whole update its latency once per bulk sync.
 */
const created = new Set<string>();

/** Records that this process created connection `id`. */
export function noteConnectionCreated(id: string): void {
  created.add(id);
}

/** True when this process created connection `id`. */
export function createdInThisProcess(id: unknown): boolean {
  return typeof id === "string" && created.has(id);
}
