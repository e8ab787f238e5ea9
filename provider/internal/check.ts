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

/**
 * The optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions, each
 * substring edited once) between `a` and `b`: `gsc` to `gcs` is 1, `Contcat` to `Contact` is 1.
 */
export function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  const d = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => d[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate `value` was probably meant to be: the one equal ignoring case (`FirstName` for
 * `firstname`), else the closest ignoring case within two edits and fewer than a third of the longer
 * string's length (so `ab` does not suggest `xy`); undefined when none is that close or two tie.
 */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  const wanted = value.toLowerCase();
  const all = [...new Set(candidates)].filter((c) => c !== value);
  const caseOnly = all.filter((c) => c.toLowerCase() === wanted);
  if (caseOnly.length > 0) return caseOnly.length === 1 ? caseOnly[0] : undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const candidate of all) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance > 2 || distance * 3 > Math.max(wanted.length, candidate.length)) continue;
    if (distance < bestDistance) [best, bestDistance, tied] = [candidate, distance, false];
    else if (distance === bestDistance) tied = true;
  }
  return tied ? undefined : best;
}

/** ` (did you mean "X"?)` for the closest of `candidates` to `value`, or "" when none is close. */
export function didYouMean(value: unknown, candidates: Iterable<string>): string {
  if (typeof value !== "string") return "";
  const suggestion = closest(value, candidates);
  return suggestion === undefined ? "" : ` (did you mean ${JSON.stringify(suggestion)}?)`;
}

/**
 * Top-level inputs whose values may hold secrets (a connection's configuration): the engine prints the
 * value of a failure's property next to the message, so failures under these name no property (the
 * engine then prints `has a problem: <reason>`) and the path stays in the reason.
 */
const SECRET_BEARING: Readonly<Record<string, readonly string[]>> = { Connection: ["configuration"] };

/**
 * The `property` to give the engine for a failure at `path`. The engine prints
 * `property <p> value {<v>} has a problem: <reason>`, looking `<p>` up as a top-level key of the inputs
 * only (pulumi/pkg resource/deploy/step_generator.go, issueCheckFailures: `inputs[failure.Property]`),
 * so a nested path (`schedule.hour`, `schemas[0].fields`) printed `{<nil>}`: the top-level key instead,
 * whose value the engine prints, with the whole path in the reason; "" for a secret-bearing key.
 */
export function engineProperty(kind: string, path: string): string {
  const top = /^[^.[]*/.exec(path)?.[0] ?? path;
  return SECRET_BEARING[kind]?.includes(top) ? "" : top;
}

/** Collects failures for one resource. */
export class Failures {
  readonly list: pulumi.dynamic.CheckFailure[] = [];
  constructor(
    private readonly kind: string,
    private readonly name: string,
  ) {}

  /** Records that `property` (a path: `schedule.hour`, `schemas[0].fields[1]`) is wrong because `reason`. */
  add(property: string, reason: string): void {
    this.list.push({
      property: engineProperty(this.kind, property),
      reason: `${this.kind} "${this.name}": ${property} ${reason}`,
    });
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
      this.add(
        property,
        `must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})${didYouMean(value, allowed)}`,
      );
    }
  }
}
