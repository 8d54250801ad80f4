import type { RoleAttrs } from "../dataPlanePort";
import type { State } from "../state";
import { roleAttrs } from "./provision";

/**
 * What the front door may create at a first login: the role the control plane has on record for
 * this identity on the branch (in practice the project owner's, which the service has from
 * project creation and the emulator makes lazily). Any other identity needs a role first.
 */
export function loginRoleOnRecord(state: State, branch: string, user: string): RoleAttrs | undefined {
  const rec = state.childrenOf(state.roles, branch, "roles").find((r) => r.status.postgres_role === user);
  if (!rec) return undefined;
  const attrs = roleAttrs(rec);
  return attrs.login ? attrs : undefined;
}
