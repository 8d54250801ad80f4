import type { WorkspaceTarget } from "../../core/target/targetStore";
import type { QueryTarget } from "../../shared/protocol";

const lastSegment = (name: string) => name.slice(name.lastIndexOf("/") + 1);

/** "project / branch / database" with the display names remembered when the target was chosen. */
export function queryTargetOf(t: WorkspaceTarget): QueryTarget {
  const project = t.projectLabel || lastSegment(t.project);
  const branch = t.branchLabel || lastSegment(t.branch);
  return { label: `${project} / ${branch} / ${t.database}`, database: t.database, branch };
}
