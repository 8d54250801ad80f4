/**
 * The soak's services, built the way the extension's composition root builds them
 * (src/extension.ts): LakebaseServices from the emulator's config file, with the settings'
 * defaults. The one place to add connection options (e.g. a CA file) for the soak.
 */
import type { Clock } from "../../src/core/credentials/clock";
import { LakebaseServices } from "../../src/core/lakebaseServices";
import type { Logger, SecretRegistry } from "../../src/core/log";
import type { KeyValueStore } from "../../src/core/target/targetStore";

export interface SoakServicesOptions {
  configFile: string;
  clock: Clock;
  logger: Logger & { child(tag: string): Logger };
  secrets: SecretRegistry;
  /** Per-attempt HTTP timeout, scaled to the soak's short credentials (the default is 30 s for 1 h ones). */
  httpTimeoutMs: number;
  /** The emulator's CA, trusted as the lakebase.extraCaFile setting would (TLS is verified, as for users). */
  extraCaFile?: string;
}

/** workspaceState stand-in: the target store only needs get/update. */
function memoryStore(): KeyValueStore {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, update: async (k: string, v: unknown) => void m.set(k, v) };
}

export function buildSoakServices(o: SoakServicesOptions): Promise<LakebaseServices> {
  return LakebaseServices.create({
    profiles: { configFile: o.configFile, watch: false, http: { timeoutMs: o.httpTimeoutMs } },
    workspaceStore: memoryStore(),
    tls: { extraCaFile: o.extraCaFile },
    logger: o.logger,
    secrets: o.secrets,
    refreshBeforeExpiryMs: 5 * 60_000, // the setting's default (lakebase.credentials.refreshBeforeExpiry)
    clock: o.clock,
  });
}
