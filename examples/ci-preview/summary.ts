/**
 * A pull-request comment from a preview's engine events: counts per operation and one row per changed
 * resource with the names (never the values) of the properties that change, plus any errors.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";

/** One planned step. */
export interface PlannedStep {
  /** create, update, replace, delete, same, ... */
  readonly op: string;
  readonly urn: string;
  readonly type: string;
  /** Properties that change (top-level names). */
  readonly changed: readonly string[];
}

/** What a preview plans, collected from its events. */
export interface PreviewPlan {
  readonly steps: PlannedStep[];
  readonly errors: string[];
}

/** Top-level input names whose values differ (secrets compare as their placeholders). */
function changedInputs(
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown> | undefined,
): string[] {
  if (!olds || !news) return [];
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
}

/** Collects steps and errors from engine events. */
export function collect(events: readonly EngineEvent[]): PreviewPlan {
  const steps: PlannedStep[] = [];
  const errors: string[] = [];
  for (const event of events) {
    const m = event.resourcePreEvent?.metadata;
    if (m && m.type !== "pulumi:pulumi:Stack") {
      // Dynamic providers report that something changes, not what: compare old and new inputs.
      const keys = [
        ...(m.diffs ?? []),
        ...Object.keys(m.detailedDiff ?? {}),
        ...changedInputs(m.old?.inputs, m.new?.inputs),
      ];
      // Internal inputs of the provider are not something a reviewer changed.
      const changed = [...new Set(keys.map((k) => k.split(/[.[]/)[0] ?? k))].filter(
        (k) => k !== "__provider" && k !== "resourceUrn",
      );
      steps.push({ op: m.op, urn: m.urn, type: m.type, changed });
    }
    const diag = event.diagnosticEvent;
    if (diag && diag.severity === "error" && !diag.message.includes("preview failed"))
      errors.push(diag.message.trim());
  }
  return { steps, errors };
}

const ORDER = ["create", "update", "replace", "create-replacement", "delete-replaced", "delete", "same"];
const LABEL: Record<string, string> = {
  create: "to create",
  update: "to update",
  replace: "to replace",
  delete: "to delete",
  same: "unchanged",
};

function nameOf(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/** Markdown for a pull-request comment. */
export function renderSummary(plan: PreviewPlan, title = "Polytomic preview"): string {
  const counts = new Map<string, number>();
  for (const step of plan.steps) counts.set(step.op, (counts.get(step.op) ?? 0) + 1);
  const line = ["create", "update", "replace", "delete", "same"]
    .map((op) => `${counts.get(op) ?? 0} ${LABEL[op]}`)
    .join(", ");
  const out = [`### ${title}`, "", plan.errors.length > 0 ? `**Preview failed.** ${line}` : line, ""];
  const changes = plan.steps
    .filter((s) => s.op !== "same" && s.op !== "read")
    .sort((a, b) => ORDER.indexOf(a.op) - ORDER.indexOf(b.op) || a.urn.localeCompare(b.urn));
  if (changes.length > 0) {
    out.push("| | Resource | Type | Changes |", "|---|---|---|---|");
    for (const s of changes) {
      const type = s.type.replace("pulumi-nodejs:dynamic/", "");
      out.push(
        `| ${s.op} | \`${nameOf(s.urn)}\` | \`${type}\` | ${s.changed.map((c) => `\`${c}\``).join(", ")} |`,
      );
    }
    out.push("");
  } else if (plan.errors.length === 0) {
    out.push("No changes.", "");
  }
  if (plan.errors.length > 0) {
    out.push(
      "<details open><summary>Errors</summary>",
      "",
      "```",
      ...plan.errors,
      "```",
      "",
      "</details>",
      "",
    );
  }
  return out.join("\n");
}
