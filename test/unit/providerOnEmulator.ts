/**
 * The provider's runtime pointed at an in-process emulator, for tests that call a resource's provider
 * directly (check, create, read, diff) the way the engine would.
 */
import { type Emulator, type EmulatorOptions, startEmulator } from "../../emulator";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";

/** Starts an emulator (schemas cached at once unless `options` say otherwise) and configures the provider for it. */
export async function providerOnEmulator(
  options: EmulatorOptions = {},
  settings: Readonly<Record<string, string>> = {},
): Promise<Emulator> {
  const emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0, ...options });
  await resetRuntime();
  const values: Record<string, string> = {
    "polytomic:apiKey": emu.apiKey,
    "polytomic:baseUrl": emu.url,
    ...settings,
  };
  configureProvider({ get: (key) => values[key] });
  return emu;
}

/** Forgets the provider's clients and stops the emulator. */
export async function stopProviderOnEmulator(emu: Emulator | undefined): Promise<void> {
  await resetRuntime();
  await emu?.close();
}
