/**
 * `lakebase.env.write` minus the UI: merge the target's values into the env file, update
 * `.env.example` beside it, and say whether a file holding secrets is kept out of git.
 * No vscode import; the command turns the report into messages.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { parseEnv } from "../../core/envfile/dotenvScan";
import { updateEnvExample } from "../../core/envfile/envExample";
import { isGitIgnored } from "../../core/envfile/gitignore";
import { updateEnvFile } from "../../core/envfile/updateEnvFile";
import type { LakebaseServices } from "../../core/lakebaseServices";
import { secretKeysIn, targetEnv, type WorkspaceAuthChoice } from "./targetEnv";

export const ENV_HEADER = "Lakebase connection (written by Lakebase for VS Code)";

export interface EnvWriteRequest {
  folderKey: string;
  /** Absolute path of the env file. */
  file: string;
  auth: WorkspaceAuthChoice;
  /** Also update .env.example next to the file (default true). */
  example: boolean;
}

/** What happened, by key name only: safe to log, return to automation and show. */
export interface EnvWriteReport {
  file: string;
  /** Nothing had to change: the file was not touched. */
  upToDate: boolean;
  created: boolean;
  changed: string[];
  added: string[];
  unchanged: string[];
  /** Keys defined more than once in the file: left as they are. */
  duplicates: string[];
  /** DATABRICKS_TOKEN's kind and, for OAuth, when it expires (ISO). */
  token?: { kind: "pat" | "oauth"; expiresAt?: string };
  clientSecret: boolean;
  /** Secret keys the file now holds (names only). */
  secretsInFile: string[];
  /** Only checked when the file holds secrets; undefined: not in a git repository (or no git). */
  gitIgnored?: boolean;
  /** Set when the file holding secrets can be read by group/others (octal, e.g. "644"). */
  broadMode?: string;
  example?: { file: string; upToDate: boolean; changed: string[]; added: string[]; duplicates: string[] };
}

export async function writeTargetEnv(services: LakebaseServices, req: EnvWriteRequest): Promise<EnvWriteReport> {
  const env = await targetEnv(services, req.folderKey, req.auth);
  const { wrote, report } = await updateEnvFile(req.file, env.values, { header: ENV_HEADER });
  const out: EnvWriteReport = {
    file: req.file,
    upToDate: !wrote,
    created: report.created,
    changed: report.changed,
    added: report.added,
    unchanged: report.unchanged,
    duplicates: report.duplicates,
    token: env.token && { kind: env.token.kind, expiresAt: env.token.expiresAt?.toISOString() },
    clientSecret: env.clientSecret,
    secretsInFile: await secretsIn(req.file),
    broadMode: report.broadMode !== undefined ? report.broadMode.toString(8) : undefined,
  };
  if (req.example) {
    const exampleFile = path.join(path.dirname(req.file), ".env.example");
    const ex = await updateEnvExample(exampleFile, env.values, { header: ENV_HEADER });
    out.example = { file: exampleFile, upToDate: !ex.wrote, changed: ex.report.changed, added: ex.report.added, duplicates: ex.report.duplicates };
  }
  if (out.secretsInFile.length > 0) out.gitIgnored = await isGitIgnored(req.file);
  services.logger.info(
    `Env file ${req.file}: ${out.upToDate ? "already up to date" : `wrote ${[...out.changed, ...out.added].join(", ")}`}` +
      `${out.duplicates.length ? `; duplicates left alone: ${out.duplicates.join(", ")}` : ""}`,
  );
  return out;
}

/** Secret keys with a real (non-empty, non-placeholder) value in the file as written. */
async function secretsIn(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    return [];
  }
  const values = Object.fromEntries([...parseEnv(text)].filter(([, v]) => v !== "" && !/^<your-.*>$/.test(v)));
  return secretKeysIn(values);
}
