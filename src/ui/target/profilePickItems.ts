import type { ProfileInfo } from "../../core/profiles/profileService";

/** A profile row of the profile picker (no vscode import: a QuickPickItem's plain fields). */
export interface ProfilePickItem { label: string; description?: string; detail?: string; value: string }

const REJECTED = new Set(["error", "needs-login"]);

/**
 * The profiles a picker offers: unusable ones left out; the default first, then the others; one the
 * workspace rejected (a revoked token, an expired login) last, marked, with the reason as its detail,
 * so nobody picks it thinking it works (and whoever does, does so knowing the sign-in must be fixed).
 */
export function profilePickItems(profiles: ReadonlyArray<Pick<ProfileInfo, "name" | "host" | "authType" | "state" | "reason" | "isDefault">>): ProfilePickItem[] {
  const usable = profiles.filter((p) => p.state !== "unusable" && p.state !== "unsupported");
  const rank = (p: (typeof usable)[number]) => (REJECTED.has(p.state) ? 2 : p.isDefault ? 0 : 1);
  return [...usable].sort((a, b) => rank(a) - rank(b)).map((p) => REJECTED.has(p.state)
    ? { label: `$(warning) ${p.name}`, description: [p.state === "needs-login" ? "needs sign-in" : "sign-in rejected", p.host].filter(Boolean).join(" · "), detail: p.reason, value: p.name }
    : { label: p.name, description: [p.isDefault ? "default" : undefined, p.host].filter(Boolean).join(" · "), detail: p.authType, value: p.name });
}
