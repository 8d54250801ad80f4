import { isDeleted } from "./api/lookup";
import { markReady, openEndpoint, roleAttrs } from "./api/provision";
import type { ControlPlane } from "./controlPlane";

/**
 * After a restart with --data-dir: the control plane's resources come back
 * from JSON, but the data plane starts empty, so every live branch is
 * re-provisioned (roles, databases, front doors). Table data is not kept.
 */
export async function restoreEndpoints(cp: ControlPlane): Promise<void> {
  for (const branch of cp.state.branches.values()) {
    const project = cp.state.projects.get(branch.parent);
    const live = project && !isDeleted(project) && !isDeleted(branch);
    const endpoints = cp.state.childrenOf(cp.state.endpoints, branch.name, "endpoints");
    for (const ep of endpoints) {
      delete ep._address;
      ep.status.current_state = "IDLE";
    }
    if (!live) continue;
    try {
      await cp.dataPlane.createBranch(branch.name);
      const owners = new Set(cp.state.childrenOf(cp.state.databases, branch.name, "databases").map((d) => String(d.status.role)));
      for (const role of cp.state.childrenOf(cp.state.roles, branch.name, "roles")) {
        // Owner roles of databases must exist first; the project owner's appears at first login otherwise.
        if (owners.has(role.name) || role.status.identity_type !== "USER" || branch.status.default !== true) {
          await cp.dataPlane.createRole(branch.name, String(role.status.postgres_role), roleAttrs(role));
        }
      }
      for (const db of cp.state.childrenOf(cp.state.databases, branch.name, "databases")) {
        if (db.status.postgres_database === "databricks_postgres") continue; // in the template
        const owner = cp.state.roles.get(String(db.status.role));
        await cp.dataPlane.createDatabase(branch.name, String(db.status.postgres_database), String(owner?.status.postgres_role));
      }
      for (const ep of endpoints) if (ep.status.disabled !== true) await openEndpoint(cp, ep);
      markReady(cp, branch);
    } catch (err) {
      for (const ep of endpoints) ep.status.current_state = "DEGRADED";
      cp.log(`could not restore ${branch.name} after restart: ${(err as Error).message}`);
    }
  }
  cp.log("restored control-plane state from --data-dir (Postgres table data is not kept across restarts)");
  cp.changed();
}
