/**
 * Agent-tool targets: describe-schema of a 500-table schema (≤ 1 s, ≤ 32 KB of text, through
 * the real tool on a warm pool) and the MCP server's ready time (spawn → `initialize` answered,
 * the shipped production bundle, ≤ 500 ms). Median of `reps`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Emulator } from "../emulator/index";
import { invokeTool } from "../src/core/agent/agentTools";
import { DEFAULT_AGENT_POLICY } from "../src/core/agent/toolDefinition";
import { LakebaseServices } from "../src/core/lakebaseServices";
import { type Check, median } from "./report";
import { wideSchemaSql } from "./wideSchema";

export interface AgentBench { describeMs: number; describeBytes: number; mcpReadyMs: number; checks: Check[] }

const memoryStore = () => {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, update: async (k: string, v: unknown) => void m.set(k, v) };
};

async function describeSchema(emu: Emulator, reps: number): Promise<{ ms: number; bytes: number }> {
  const create = await fetch(`${emu.workspaceUrl}/api/2.0/postgres/projects?project_id=bench-wide`, { method: "POST", headers: { authorization: `Bearer ${emu.identities.user.pat}` }, body: "{}" });
  let op = await create.json() as { name: string; done?: boolean };
  while (!op.done) {
    await new Promise((r) => setTimeout(r, 50));
    op = await (await fetch(`${emu.workspaceUrl}/api/2.0/postgres/${op.name}`, { headers: { authorization: `Bearer ${emu.identities.user.pat}` } })).json() as typeof op;
  }
  const endpoint = "projects/bench-wide/branches/production/endpoints/primary";
  const host = emu.postgres.endpoint(endpoint)!.host;
  const services = await LakebaseServices.create({ profiles: { configFile: emu.configFile, watch: false }, workspaceStore: memoryStore() });
  try {
    const target = { profile: "emulator", project: "projects/bench-wide", branch: "projects/bench-wide/branches/production", endpoint, database: "databricks_postgres", host };
    const db = (await services.resolveTarget(target)).db;
    const setup = await services.runner.runScript(db, wideSchemaSql(500));
    if (setup.error) throw new Error(`wide schema: ${setup.error.message}`);
    const ctx = { services, target: () => target, policy: DEFAULT_AGENT_POLICY, selectTargetHint: "" };
    await invokeTool(ctx, "lakebase_describe_schema", { filter: "t001" }); // warm pool and credential
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < reps; i++) {
      const t = performance.now();
      const r = await invokeTool(ctx, "lakebase_describe_schema", {});
      times.push(performance.now() - t);
      if (r.isError || !r.text.startsWith("500 tables")) throw new Error(`describe-schema: ${r.text.slice(0, 200)}`);
      bytes = Buffer.byteLength(r.text);
    }
    return { ms: median(times), bytes };
  } finally {
    await services.dispose();
  }
}

async function mcpReady(reps: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "bench-mcp-"));
  try {
    const { buildMcpServer } = await import(pathToFileURL(join(import.meta.dirname, "../scripts/mcpBundle.mjs")).href);
    await buildMcpServer({ outfile: join(dir, "mcp-server.js"), production: true });
    const times: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t = performance.now();
      const child = spawn(process.execPath, [join(dir, "mcp-server.js"), "--config-file", "/dev/null"], { stdio: ["pipe", "pipe", "ignore"] });
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1" } } })}\n`);
      await new Promise((resolve) => child.stdout.once("data", resolve));
      times.push(performance.now() - t);
      child.kill();
    }
    return median(times);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchAgent(emu: Emulator, reps: number): Promise<AgentBench> {
  const d = await describeSchema(emu, reps);
  const mcpReadyMs = await mcpReady(Math.max(reps, 5));
  return {
    describeMs: d.ms, describeBytes: d.bytes, mcpReadyMs,
    checks: [
      { what: "describe-schema, 500 tables", value: d.ms, limit: 1000, unit: " ms", pass: d.ms <= 1000 },
      { what: "describe-schema text, 500 tables", value: d.bytes / 1024, limit: 32, unit: " KB", pass: d.bytes <= 32 * 1024 },
      { what: "MCP server ready after spawn", value: mcpReadyMs, limit: 500, unit: " ms", pass: mcpReadyMs <= 500 },
    ],
  };
}
