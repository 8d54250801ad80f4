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
import { describeDuplicates } from "../../core/envfile/mergeEnv";
import { inProjectKeys } from "../../core/envfile/projectKeys";
import { updateEnvFile, type EnvEditorBridge } from "../../core/envfile/updateEnvFile";
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
  /** Refuse when a symlink leads the file (or .env.example) outside this folder. */
  allowedRoot?: string;
  /** Editors with unsaved changes get the values in their buffer. */
  editor?: EnvEditorBridge;
  /** Also write PGPASSWORD = the target's current Lakebase credential (it expires within the hour). */
  pgPassword?: boolean;
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
  /** Keys defined more than once in the file. When any, nothing was written (not even .env.example). */
  duplicates: string[];
  /** The 1-based lines assigning each duplicate key. */
  duplicateLines: Record<string, number[]>;
  /** Set when nothing was written because of duplicates: what to fix, with the lines. */
  refused?: string;
  /** The values went into an editor with unsaved changes: saved to disk when the user saves it. */
  inEditor?: boolean;
  /** DATABRICKS_TOKEN's kind and, for OAuth, when it expires (ISO). */
  token?: { kind: "pat" | "oauth"; expiresAt?: string };
  clientSecret: boolean;
  /** Secret keys the file now holds (names only). */
  secretsInFile: string[];
  /** Only checked when the file holds secrets; undefined: not in a git repository (or no git). */
  gitIgnored?: boolean;
  /** Set when the file holding secrets could be read by group/others (octal, e.g. "644"): it is now owner-only (600). */
  broadMode?: string;
  example?: { file: string; upToDate: boolean; changed: string[]; added: string[]; duplicates: string[] };
}

export async function writeTargetEnv(services: LakebaseServices, req: EnvWriteRequest): Promise<EnvWriteReport> {
  const env = await targetEnv(services, req.folderKey, req.auth);
  if (req.pgPassword) env.values.PGPASSWORD = await services.credentials.get(env.resolved.credentialKey);
  // A project that names its profile (databricks apps init) keeps naming it, in .env.example too.
  env.values = inProjectKeys(await readText(req.file), env.resolved.target.profile, env.values);
  const { wrote, report } = await updateEnvFile(req.file, env.values, { header: ENV_HEADER, allowedRoot: req.allowedRoot, editor: req.editor });
  const refused = report.duplicates.length
    ? `${path.basename(req.file)} assigns ${describeDuplicates(report)} more than once, so nothing was written (the file would end up half on the new endpoint). Keep one line of each and write again.`
    : undefined;
  const out: EnvWriteReport = {
    file: req.file,
    upToDate: !wrote && !refused && !report.inEditor,
    created: report.created,
    changed: report.changed,
    added: report.added,
    unchanged: report.unchanged,
    duplicates: report.duplicates,
    duplicateLines: report.duplicateLines,
    refused,
    inEditor: report.inEditor,
    token: env.token && { kind: env.token.kind, expiresAt: env.token.expiresAt?.toISOString() },
    clientSecret: env.clientSecret,
    secretsInFile: await secretsIn(req.file),
    broadMode: report.broadMode !== undefined ? report.broadMode.toString(8) : undefined,
  };
  // All or none: with the env file refused, its committed twin stays as it is too.
  if (req.example && !refused) {
    const exampleFile = path.join(path.dirname(req.file), ".env.example");
    const ex = await updateEnvExample(exampleFile, env.values, { header: ENV_HEADER, allowedRoot: req.allowedRoot, editor: req.editor });
    out.example = { file: exampleFile, upToDate: !ex.wrote, changed: ex.report.changed, added: ex.report.added, duplicates: ex.report.duplicates };
  }
  // The secret lives at the link's target: that is the path git must not commit.
  if (out.secretsInFile.length > 0) out.gitIgnored = await isGitIgnored(report.realPath);
  services.logger.info(
    `Env file ${req.file}: ${refused ? `nothing written, ${describeDuplicates(report)} assigned more than once` : out.upToDate ? "already up to date" : `${out.inEditor ? "put into the unsaved editor" : "wrote"} ${[...out.changed, ...out.added].join(", ")}`}` +
      `${out.broadMode ? `; was readable by others (mode ${out.broadMode}), now owner-only` : ""}`,
  );
  return out;
}

async function readText(file: string): Promise<string | undefined> {
  return fs.readFile(file, "utf8").catch(() => undefined);
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
