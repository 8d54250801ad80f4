// What the code registers and produces, read without a VS Code host: command ids from the
// sources (every registration goes through `registerCommand(context, log, "id", …)` or a local
// alias of it), contextValues from the real node builders over every state they distinguish, mapped by the shell
// (`src/ui/explorer/contextValues.ts`).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { columnNode, relationNode, schemaNode } from "../../../src/core/explorer/catalogNodes";
import { errorNode, loadMoreNode, messageNode, type ExplorerNode } from "../../../src/core/explorer/nodes";
import { branchNode, databaseNode, endpointNode, folderNode, profileNode, projectNode, roleNode } from "../../../src/core/explorer/resourceNodes";
import type { DatabaseRef } from "../../../src/core/explorer/schemaReader";
import { configProblemNodes } from "../../../src/core/explorer/configProblemNodes";
import { nodeContextValue, profileContextValue, schemaChangeContextValue } from "../../../src/ui/explorer/contextValues";
import type { CodeFacts } from "./manifestCheck";

const ROOT = join(__dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/**
 * Command ids registered in `src/`. A registration whose id is not a string literal would be
 * invisible here, so it is reported instead of skipped.
 */
export function registeredCommands(srcDir = join(ROOT, "src")): { ids: Set<string>; unreadable: string[] } {
  const ids = new Set<string>();
  const unreadable: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, "utf8");
    // `registerCommand(context, log, <id>, …)`, and local aliases such as
    // `const reg = (id, handler) => registerCommand(context, logger, id, handler)` called as `reg(<id>, …)`.
    const calls = [...text.matchAll(/(?<![\w.])registerCommand\(\s*[\w.]+\s*,\s*[\w.]+\s*,\s*([^,]+),/g)].map((m) => ({ id: m[1]!, at: m.index! }));
    for (const alias of text.matchAll(/const (\w+) = \((\w+)\b.*?\) => registerCommand\(\s*[\w.]+\s*,\s*[\w.]+\s*,\s*(\w+),/g)) {
      if (alias[2] !== alias[3]) continue;
      const definedAt = alias.index! + alias[0].indexOf("registerCommand(");
      const own = calls.findIndex((c) => c.at === definedAt);
      if (own >= 0) calls.splice(own, 1); // the alias's own body passes its parameter through
      calls.push(...[...text.matchAll(new RegExp(`(?<![\\w.])${alias[1]}\\(\\s*([^,]+),`, "g"))].map((m) => ({ id: m[1]!, at: m.index! })));
    }
    for (const call of calls) {
      const literal = /^"(lakebase\.[\w.]+)"$/.exec(call.id.trim());
      if (literal) ids.add(literal[1]!);
      else unreadable.push(`${file.slice(ROOT.length + 1)}: registration with id ${call.id.trim()}`);
    }
  }
  return { ids, unreadable };
}

const ref: DatabaseRef = { profileName: "p", branchName: "projects/x/branches/b", databaseName: "projects/x/branches/b/databases/d", postgresDatabase: "d" };

/** Every contextValue a row can carry: the node builders over each state they tell apart, plus the shell's additions. */
export function producedContextValues(): Set<string> {
  const bools = [false, true];
  const nodes: ExplorerNode[] = [
    ...bools.map((isDefault) => profileNode({ name: "p", isDefault })),
    ...bools.map((deleted) => projectNode("p", { name: "projects/x", ...(deleted ? { delete_time: "2026-01-01T00:00:00Z" } : {}) })),
    ...bools.flatMap((isDefault) => bools.map((isProtected) => branchNode("p", { name: "projects/x/branches/b", status: { default: isDefault, is_protected: isProtected } }))),
    ...(["endpoints", "databases", "roles"] as const).map((f) => folderNode("p", "projects/x/branches/b", f)),
    ...(["ENDPOINT_TYPE_READ_WRITE", "ENDPOINT_TYPE_READ_ONLY"] as const).map((t) => endpointNode("p", { name: "projects/x/branches/b/endpoints/e", status: { endpoint_type: t } })),
    databaseNode("p", "projects/x/branches/b", { name: "projects/x/branches/b/databases/d" }),
    roleNode("p", { name: "projects/x/branches/b/roles/r" }),
    schemaNode(ref, { name: "public" }),
    ...(["table", "view", "materialized view"] as const).map((kind) => relationNode(ref, "public", { name: "t", kind })),
    ...bools.map((isPrimaryKey) => columnNode(ref, "public", "t", { name: "c", dataType: "int", nullable: !isPrimaryKey, isPrimaryKey, position: 1 })),
    loadMoreNode("root", "p", "token", 1),
    errorNode(undefined, "failed", new Error("x")),
    messageNode(undefined, "nothing here"),
    ...configProblemNodes([{ file: "/f", severity: "error", message: "bad line", line: 1 }], 1),
  ];
  const values = new Set(nodes.map((n) => nodeContextValue(n)));
  for (const n of nodes.filter((x) => x.kind === "profile")) {
    for (const canLogin of bools) for (const u2m of bools) values.add(profileContextValue(nodeContextValue(n), { canLogin, u2m }));
  }
  for (const change of ["added", "removed", "changed"] as const) values.add(schemaChangeContextValue(change));
  return values;
}

/** View types with a `registerWebviewPanelSerializer`, read from the sources. */
export function serializedViewTypes(srcDir = join(ROOT, "src")): Set<string> {
  const types = new Set<string>();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/registerWebviewPanelSerializer\(\s*([\w"'.]+)/g)) {
      const arg = m[1]!;
      const literal = /^["']([^"']+)["']$/.exec(arg)?.[1] ?? new RegExp(`const ${arg} = "([^"]+)"`).exec(text)?.[1];
      if (literal) types.add(literal);
    }
  }
  return types;
}

export function codeFacts(): CodeFacts {
  return { registered: registeredCommands().ids, contextValues: producedContextValues(), serializedViewTypes: serializedViewTypes(), builtInLanguages: new Set(["sql", "dotenv"]) }; // dotenv: built into newer VS Code (1.100 calls .env "properties")
}

export function readManifest(): unknown {
  return JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
}
