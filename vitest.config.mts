import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` needs nothing but Node (no engine, no network); `integration` runs the real
 * Pulumi engine through the Automation API against the emulator, one file at a time because each
 * engine run already keeps both cores busy.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "test/unit/**/*.test.ts",
            "emulator/**/*.test.ts",
            "test/contract/**/*.test.ts",
            "test/components/**/*.test.ts",
            "test/lifecycle/**/*.test.ts",
          ],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/reliability/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
