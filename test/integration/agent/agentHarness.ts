/**
 * Real wiring for the agent tools: the emulator's config file → LakebaseServices (profiles,
 * Lakebase client, credentials, pools) → tools, targeting the seeded demo-app production branch.
 */
import pg from "pg";
import type { Emulator } from "../../../emulator/index";
import { DEFAULT_AGENT_POLICY, type AgentContext, type AgentPolicy } from "../../../src/core/agent/toolDefinition";
import { invokeTool } from "../../../src/core/agent/agentTools";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import { api, emuSsl } from "../../support/emulator";
export { mapStore } from "../../support/mapStore";
import { mapStore } from "../../support/mapStore";

export function seededWorkspaceTarget(emu: Emulator): WorkspaceTarget {
  const seed = emu.postgres.seeded!;
  return {
    profile: "emulator", project: seed.project, branch: seed.branches[0], endpoint: seed.endpoint,
    database: seed.database, host: seed.host, branchLabel: "production", isDefaultBranch: true,
  };
}

export interface AgentHarness {
  services: LakebaseServices;
  logger: ReturnType<typeof memoryLogger>;
  ctx: AgentContext;
  call(name: string, args?: unknown): ReturnType<typeof invokeTool>;
  dispose(): Promise<void>;
}

export async function agentHarness(emu: Emulator, opts: { configFile?: string; target?: WorkspaceTarget | null; policy?: Partial<AgentPolicy>; folder?: string } = {}): Promise<AgentHarness> {
  const secrets = new SecretRegistry();
  const logger = memoryLogger(secrets);
  const services = await LakebaseServices.create({ profiles: { configFile: opts.configFile ?? emu.configFile, watch: false }, tls: { extraCaFile: emu.caFile }, workspaceStore: mapStore(), logger, secrets });
  const target = opts.target === null ? undefined : (opts.target ?? seededWorkspaceTarget(emu));
  const ctx: AgentContext = {
    services,
    target: () => target,
    folder: opts.folder,
    policy: { ...DEFAULT_AGENT_POLICY, ...opts.policy },
    selectTargetHint: "Select one in the Lakebase explorer.",
  };
  return { services, logger, ctx, call: (name, args) => invokeTool(ctx, name, args), dispose: () => services.dispose() };
}

/** A direct connection as the seeded owner, outside the tools, to set up and to check what really happened. */
export async function ownerQuery(emu: Emulator, sql: string, endpoint = emu.postgres.seeded!.endpoint): Promise<pg.QueryResult> {
  const cred = await api(emu, "POST", "/api/2.0/postgres/credentials", { endpoint });
  const addr = emu.postgres.endpoint(endpoint)!;
  const client = new pg.Client({ host: addr.host, port: addr.port, database: "databricks_postgres", user: emu.identities.user.email, password: cred.json.token, ssl: emuSsl(emu, addr.host) });
  await client.connect();
  try { return await client.query(sql); } finally { await client.end(); }
}
