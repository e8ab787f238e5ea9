/**
 * Writes `bench/results.md`: the machine, the date, one table per measurement, and a link to the plot.
 */
import { writeFile } from "node:fs/promises";
import * as os from "node:os";

/** A titled table: the header row, then the rows, all preformatted strings. */
export interface ReportTable {
  readonly title: string;
  readonly note?: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The machine the numbers were measured on, in one line. */
export function describeMachine(pulumiVersion: string): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const memGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${os.cpus().length} × ${cpu}, ${memGiB} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, Pulumi ${pulumiVersion}`;
}

function markdownTable(table: ReportTable): string {
  const lines = [`| ${table.header.join(" | ")} |`, `|${table.header.map(() => "---").join("|")}|`];
  for (const row of table.rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}

/** Writes the whole report. */
export async function writeReport(
  file: string,
  machine: string,
  tables: readonly ReportTable[],
  plotFile?: string,
): Promise<void> {
  const parts = [
    "# Benchmark results",
    "",
    `Measured ${new Date().toISOString()} on ${machine}, with \`npm run bench\`.`,
    "",
  ];
  if (plotFile) parts.push(`![time against N](${plotFile})`, "");
  for (const table of tables) {
    parts.push(`## ${table.title}`, "");
    if (table.note) parts.push(table.note, "");
    parts.push(markdownTable(table), "");
  }
  await writeFile(file, parts.join("\n"));
}
