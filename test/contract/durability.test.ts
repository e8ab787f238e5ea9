/**
 * Durable state: `kill -9` the emulator (the real CLI process) while it is acknowledging writes,
 * restart it on the same state file, and find every acknowledged write.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const cli = path.resolve(__dirname, "../../dist/emulator/cli.js");
const API_KEY = "durability-test-key";
let child: ChildProcess | undefined;
let dir = "";

afterEach(async () => {
  child?.kill("SIGKILL");
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function start(statePath: string): Promise<string> {
  const proc = spawn(process.execPath, [cli, "--port", "0", "--api-key", API_KEY, "--state", statePath], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    proc.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
    proc.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

describe("emulator durability", () => {
  it("keeps every acknowledged write across kill -9 and restart", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "emu-state-"));
    const statePath = path.join(dir, "state.json");
    const url = await start(statePath);
    const acknowledged: string[] = [];
    let stop = false;
    // Two concurrent writers, bounded in count; the kill lands while they are running.
    const writer = async (w: number) => {
      for (let i = 0; i < 200 && !stop; i++) {
        try {
          const r = await fetch(`${url}/api/connections`, {
            method: "POST",
            headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
            body: JSON.stringify({
              name: `c-${w}-${i}`,
              type: "stripe",
              configuration: { api_key: "sk_test" },
            }),
          });
          if (r.status === 200) acknowledged.push(((await r.json()) as { data: { id: string } }).data.id);
        } catch {
          return; // the process is gone
        }
      }
    };
    const writers = [writer(1), writer(2)];
    // Kill once writes are flowing (not after a fixed time: a loaded machine may be slow to start).
    for (let waited = 0; acknowledged.length < 20 && waited < 20_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child?.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);

    const restarted = await start(statePath);
    const list = await fetch(`${restarted}/api/connections`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    const ids = new Set(((await list.json()) as { data: { id: string }[] }).data.map((c) => c.id));
    const lost = acknowledged.filter((id) => !ids.has(id));
    expect(lost).toEqual([]);
  });
});
