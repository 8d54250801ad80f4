/**
 * `.env.example`: the committed twin of `.env`. Non-secret connection values are
 * real (a teammate can use them as they are); secrets and per-person values become
 * placeholders, and a placeholder someone already edited is never overwritten.
 */
import { DEFAULT_SECRET_KEYS, updateEnvFile, type UpdateEnvFileOptions, type UpdateEnvFileReport } from "./updateEnvFile";
import type { MergeOptions } from "./mergeEnv";

const PLACEHOLDERS: Record<string, string> = {
  DATABRICKS_TOKEN: "<your-databricks-token>",
  PGPASSWORD: "<your-lakebase-oauth-token>",
  DATABRICKS_CLIENT_SECRET: "<your-service-principal-secret>",
  PGUSER: "<your-databricks-username>",
};

/** `<your-some-key>` for any key without a hand-written placeholder. */
export function placeholderFor(key: string): string {
  return PLACEHOLDERS[key] ?? `<your-${key.toLowerCase().replace(/[_.]/g, "-")}>`;
}

/** Keys that differ per developer (PGUSER is the person's e-mail): placeholders too by default. */
export const DEFAULT_PERSONAL_KEYS: readonly string[] = ["PGUSER"];

export function exampleValues(
  updates: Record<string, string>,
  secretKeys: readonly string[] = DEFAULT_SECRET_KEYS,
  personalKeys: readonly string[] = DEFAULT_PERSONAL_KEYS,
): Record<string, string> {
  const hidden = new Set([...secretKeys, ...personalKeys]);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(updates)) out[key] = hidden.has(key) ? placeholderFor(key) : value;
  return out;
}

/** Merges example values into `.env.example`; placeholders only fill keys that are missing. */
export function updateEnvExample(
  filePath: string,
  updates: Record<string, string>,
  opts: MergeOptions & Pick<UpdateEnvFileOptions, "allowedRoot" | "editor"> & { secretKeys?: readonly string[]; personalKeys?: readonly string[] } = {},
): Promise<{ wrote: boolean; report: UpdateEnvFileReport }> {
  const secretKeys = opts.secretKeys ?? DEFAULT_SECRET_KEYS;
  const personalKeys = opts.personalKeys ?? DEFAULT_PERSONAL_KEYS;
  const values = exampleValues(updates, secretKeys, personalKeys);
  const placeholders = Object.keys(updates).filter((k) => secretKeys.includes(k) || personalKeys.includes(k));
  return updateEnvFile(filePath, values, {
    header: opts.header,
    newline: opts.newline,
    keepExisting: [...(opts.keepExisting ?? []), ...placeholders],
    allowedRoot: opts.allowedRoot,
    editor: opts.editor,
    // The example holds no secret values, so it gets ordinary permissions.
    secretKeys: [],
  });
}
