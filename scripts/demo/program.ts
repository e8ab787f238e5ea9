/**
 * The root Pulumi project's program (Pulumi.yaml), run by `npm run demo`.
 *
 * Interim: one resource that proves the whole offline engine path (CLI, language host, dynamic
 * provider shim, secret stack config) end to end. It becomes the SalesforceToSnowflakeBulkSync pipeline
 * against the embedded Polytomic emulator once the provider and components land.
 */
import * as pulumi from "@pulumi/pulumi";

interface StampInputs {
  readonly message: string;
  readonly apiKeyConfigured: boolean;
}

const stampProvider: pulumi.dynamic.ResourceProvider<StampInputs, StampInputs> = {
  async create(inputs) {
    return { id: `stamp-${inputs.message.length}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: olds.message !== news.message || olds.apiKeyConfigured !== news.apiKeyConfigured };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};

/** A resource that records a message; no API is called. */
class Stamp extends pulumi.dynamic.Resource {
  declare readonly message: pulumi.Output<string>;
  declare readonly apiKeyConfigured: pulumi.Output<boolean>;
  constructor(name: string, args: StampInputs) {
    super(stampProvider, name, { ...args }, {}, "demo", "Stamp");
  }
}

const config = new pulumi.Config("polytomic");
const stamp = new Stamp("demo", {
  message: `deployed for ${config.get("baseUrl") ?? "https://app.polytomic.com"}`,
  // Only whether a key is configured: the key itself never becomes a resource input.
  apiKeyConfigured: config.getSecret("apiKey") !== undefined,
});

export const message = stamp.message;
export const apiKeyConfigured = stamp.apiKeyConfigured;
