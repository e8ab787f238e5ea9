/**
 * Helpers for `check`: failures that name the resource and the property, and tests for values still
 * unknown during preview.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The engine's placeholder for a value not known until apply. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is, or contains, a value unknown during preview. */
export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(isUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(isUnknown);
  return false;
}

/** The items of a list input: none while the whole list is unknown during preview (or not a list). */
export function listed<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** The logical name at the end of a URN (`urn:pulumi:stack::project::type::name`). */
export function nameFromUrn(urn: unknown): string {
  return typeof urn === "string" && urn.includes("::") ? (urn.split("::").pop() ?? "") : "";
}

/** Collects failures for one resource. */
export class Failures {
  readonly list: pulumi.dynamic.CheckFailure[] = [];
  constructor(
    private readonly kind: string,
    private readonly name: string,
  ) {}

  /** Records that `property` is wrong because `reason`. */
  add(property: string, reason: string): void {
    this.list.push({ property, reason: `${this.kind} "${this.name}": ${property} ${reason}` });
  }

  /** Requires a non-empty string (unknowns pass). */
  requireString(property: string, value: unknown): void {
    if (isUnknown(value)) return;
    if (typeof value !== "string" || value.trim() === "")
      this.add(property, "is required and must be a non-empty string");
  }

  /** Requires one of `allowed` when present (unknowns pass). */
  oneOf(property: string, value: unknown, allowed: readonly string[]): void {
    if (value === undefined || isUnknown(value)) return;
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.add(property, `must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
    }
  }
}
