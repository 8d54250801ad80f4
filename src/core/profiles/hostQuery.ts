/**
 * Ids carried in the query of a host URL pasted from the Databricks UI of a unified
 * (single-URL) host, read as the Go SDK reads them (config.go fixHostIfNeeded): the workspace
 * from `?w=` (any form), else a numeric `?o=` / `?workspace_id=`; the account from `?a=` /
 * `?account_id=`. The host itself is kept as scheme://host only.
 */
export function idsFromHostQuery(rawHost: string): { workspaceId?: string; accountId?: string } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(rawHost.trim()) ? rawHost.trim() : `https://${rawHost.trim()}`;
  let q: URLSearchParams;
  try {
    q = new URL(withScheme).searchParams;
  } catch {
    return {};
  }
  let workspaceId = q.get("w") || undefined;
  for (const key of ["o", "workspace_id"]) {
    const v = q.get(key);
    if (!workspaceId && v && /^\d+$/.test(v)) workspaceId = v;
  }
  const accountId = q.get("a") || q.get("account_id") || undefined;
  return { workspaceId, accountId };
}
