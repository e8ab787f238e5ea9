/**
 * Names and free text that cannot be right: too long, or holding control, invisible or bidirectional
 * override characters (which make a name look like something it is not in the Polytomic UI and logs).
 */
import { type Failures, isUnknown } from "./check";

/** The longest name the provider accepts. */
export const MAX_NAME_LENGTH = 255;
// C0/C1 controls, zero-width characters, bidi embeddings/overrides/isolates, lone surrogates (with the
// `u` flag a surrogate range matches only unpaired halves).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/u;

/** Checks a name-like string at `property`. */
export function checkName(failures: Failures, property: string, value: unknown): void {
  failures.requireString(property, value);
  if (typeof value !== "string" || isUnknown(value)) return;
  if ([...value].length > MAX_NAME_LENGTH)
    failures.add(property, `is ${[...value].length} characters long; the limit is ${MAX_NAME_LENGTH}`);
  if (HIDDEN.test(value))
    failures.add(property, "contains control, invisible or bidirectional-override characters");
}
