/**
 * When a token in an env file stops working, read from the token itself: Databricks OAuth access
 * tokens and Lakebase database credentials are JWTs with an `exp` claim. A PAT (`dapi…`) or any
 * other opaque value has no readable expiry: undefined. Nothing is verified (the server does
 * that) and the token is never returned or printed.
 */
export function tokenExpiry(token: string): Date | undefined {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as { exp?: unknown };
    return typeof claims.exp === "number" && Number.isFinite(claims.exp) ? new Date(claims.exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
