/**
 * Samples the resident memory of running provider processes (by default the `@pulumi/pulumi` dynamic
 * provider host the engine starts) and keeps the peak, read from /proc so no extra tool is needed.
 */
import { readdir, readFile } from "node:fs/promises";

/** A running sampler; `stop()` resolves to the peak RSS in bytes seen across matching processes. */
export interface RssSampler {
  stop(): Promise<number>;
}

async function providerRssBytes(command: string): Promise<number> {
  let peak = 0;
  for (const pid of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes(command)) continue;
      const status = await readFile(`/proc/${pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      // the process ended between readdir and read
    }
  }
  return peak;
}

/** Starts sampling every `intervalMs` the processes whose command line contains `command`. */
export function sampleProviderRss(command = "dynamic-provider", intervalMs = 100): RssSampler {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await providerRssBytes(command));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
