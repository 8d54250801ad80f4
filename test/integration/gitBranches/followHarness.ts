/** What the follow suites share: core services on the emulator, and the project's production target. */
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import type { Emulator } from "../../../emulator/index";
import { api } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";

export function followServices(emu: Emulator, http: { retry: { maxAttempts: number }; timeoutMs?: number } = { retry: { maxAttempts: 1 } }): Promise<LakebaseServices> {
  return LakebaseServices.create({
    profiles: { configFile: emu.configFile, watch: false, http },
    workspaceStore: mapStore(), logger: memoryLogger(new SecretRegistry()), tls: { extraCaFile: emu.caFile },
  });
}

/** The target of `project`'s default branch (production), read from the emulator's API. */
export async function productionTarget(emu: Emulator, project: string): Promise<WorkspaceTarget> {
  const ep = (await api(emu, "GET", `/api/2.0/postgres/projects/${project}/branches/production/endpoints`)).json.endpoints[0];
  return {
    profile: "emulator", project: `projects/${project}`, branch: `projects/${project}/branches/production`, endpoint: ep.name,
    database: "databricks_postgres", host: ep.status.hosts.host, branchLabel: "production", isDefaultBranch: true,
  };
}
