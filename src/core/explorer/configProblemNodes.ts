import type { ConfigProblem } from "../profiles/loadProfiles";
import type { ExplorerNode } from "./nodes";

/**
 * A broken config file never hides silently: each error is a root row that opens the file at its line.
 * Except in a file with no profiles at all, where "your default profile is missing" says nothing the
 * welcome content (Sign in / Add a profile) does not say better. Rows name the file by its base name once;
 * the whole path is in the tooltip (a row is narrow).
 */
export function configProblemNodes(problems: ReadonlyArray<ConfigProblem>, profileCount: number): ExplorerNode[] {
  return problems
    .filter((p) => p.severity === "error" && !(profileCount === 0 && p.code === "missing-default-profile"))
    .map((p, i) => {
      const base = p.file.split(/[\\/]/).pop() ?? p.file;
      const message = p.message.startsWith(`${p.file} `) ? p.message.slice(p.file.length + 1).replace(/^has no /, "no ") : p.message;
      return {
        id: `config-problem::${i}`,
        kind: "message" as const,
        label: `${base}${p.line ? `:${p.line}` : ""}: ${message}`,
        tooltip: `${p.file}${p.line ? `:${p.line}` : ""}\n${p.message}`,
        collapsible: false,
        data: { kind: "configProblem" as const, line: p.line },
      };
    });
}
