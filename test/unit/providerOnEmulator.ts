/**
 * The provider's runtime pointed at an in-process emulator, for tests that call a resource's provider
 * directly (check, create, read, diff) the way the engine would.
 */
import { type Emulator, type EmulatorOptions, startEmulator } from "../../emulator";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";
import { data, rawClient } from "../contract/http";

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

/**
 * A PostgreSQL warehouse and a Salesforce CRM (client credentials), made through the API on `emu`:
 * the source and target most model and model-sync tests need.
 * @returns their ids.
 */
export async function warehouseAndCrm(emu: Emulator): Promise<{ pg: string; sf: string }> {
  const call = rawClient(() => emu);
  const connection = async (name: string, type: string, configuration: Record<string, unknown>) => {
    const created = await call("POST", "/api/connections", { name, type, configuration });
    if (created.status !== 200) throw new Error(`POST /api/connections ${name}: ${created.status}`);
    return String(data(created).id);
  };
  return {
    pg: await connection("warehouse", "postgresql", {
      hostname: "db",
      port: 5432,
      database: "app",
      username: "u",
      password: "p",
    }),
    sf: await connection("crm", "salesforce", {
      domain: "https://example.my.salesforce.com",
      connect_mode: "api",
      client_id: "id",
      client_secret: "secret",
    }),
  };
}
