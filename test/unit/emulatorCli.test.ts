/**
 * The compiled emulator CLI (the package's `polytomic-emulator` bin) as a user meets it: `--help`
 * documents every option it parses, and an option it does not know stops it with a message naming the
 * option, before anything listens.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_OPTIONS } from "../../emulator/cli";

const cli = path.resolve(__dirname, "../../dist/emulator/cli.js");

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 20_000 });
}

/** The help's option entries: a line starting with `-`, with its indented continuation lines. */
function optionEntries(help: string): string[] {
  const entries: string[] = [];
  for (const line of help.split("\n")) {
    if (/^ {2}-/.test(line)) entries.push(line.trim());
    else if (/^ {4,}\S/.test(line) && entries.length > 0) entries[entries.length - 1] += ` ${line.trim()}`;
  }
  return entries;
}

describe("polytomic-emulator", () => {
  it("--help and -h print the usage, every option with its default, and how to aim Pulumi at it", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stderr).toBe("");
    const text = help.stdout;
    const entries = optionEntries(text);
    expect(entries).toHaveLength(Object.keys(CLI_OPTIONS).length);
    for (const [name, option] of Object.entries(CLI_OPTIONS)) {
      const entry = entries.find((e) => new RegExp(`^(-\\w, )?--${name}\\b`).test(e));
      expect(entry, `--${name}`).toBeDefined();
      if (option.type === "string") expect(entry, `--${name}`).toMatch(/\(default[ :]/);
      if ("short" in option) expect(entry, `--${name}`).toMatch(new RegExp(`^-${option.short}, `));
    }
    expect(text).toContain("Usage: polytomic-emulator");
    expect(text).toMatch(/pulumi config set polytomic:baseUrl http:\/\/127\.0\.0\.1:\d+/);
    expect(text).toContain("pulumi config set --secret polytomic:apiKey");
    expect(text).not.toContain("listening");
    expect(run("-h").stdout).toBe(text);
  });

  it("refuses an unknown option, naming it and pointing to --help", () => {
    for (const option of ["--bogus", "-x"]) {
      const result = run("--port", "0", option);
      expect(result.status, option).not.toBe(0);
      expect(result.stdout, option).not.toContain("listening");
      expect(result.stderr, option).toContain(`unknown option ${option}`);
      expect(result.stderr, option).toContain("--help");
    }
  });

  it("refuses a positional argument, a missing value and a value that is not a number", () => {
    for (const [args, named] of [
      [["8787"], "8787"],
      [["--port"], "--port"],
      [["--port", "8787x"], "--port"],
      [["--port", "0", "--schema-cache-delay-ms", "soon"], "--schema-cache-delay-ms"],
    ] as const) {
      const result = run(...args);
      expect(result.status, args.join(" ")).not.toBe(0);
      expect(result.stdout, args.join(" ")).not.toContain("listening");
      expect(result.stderr, args.join(" ")).toContain(named);
      expect(result.stderr, args.join(" ")).toContain("--help");
    }
  });
});
