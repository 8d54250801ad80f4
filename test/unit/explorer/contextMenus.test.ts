// Issue #16: a context action must act on the node it was invoked on, or not be offered there.
// "Copy Host" matched the Endpoints folder (`lakebase.endpointsFolder` =~ /^lakebase\.endpoint/) and then
// copied the folder's *target* host. Every view/item/context entry is checked against the context values
// the real node builders (and the shell's profile decoration) produce.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { branchNode, databaseNode, endpointNode, folderNode, profileNode, projectNode, roleNode } from "../../../src/core/explorer/resourceNodes";
import { columnNode, relationNode, schemaNode } from "../../../src/core/explorer/catalogNodes";
import { errorNode, loadMoreNode, messageNode, type ExplorerNode } from "../../../src/core/explorer/nodes";
import { nodeContextValue } from "../../../src/ui/explorer/contextValues";

interface MenuItem { command: string; when?: string }
const manifest = JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8")) as { contributes: { menus: Record<string, MenuItem[]> } };

/** The `viewItem` terms of a when clause (`==`, `!=`, `=~ /re/`), all joined by `&&`. */
function matchesViewItem(when: string, contextValue: string): boolean {
  return when.split("&&").map((t) => t.trim()).filter((t) => t.startsWith("viewItem")).every((term) => {
    const re = /^viewItem\s*=~\s*\/(.*)\/$/.exec(term);
    if (re) return new RegExp(re[1]!).test(contextValue);
    const eq = /^viewItem\s*(==|!=)\s*(\S+)$/.exec(term);
    if (!eq) throw new Error(`unparsed when term: ${term}`);
    return eq[1] === "==" ? contextValue === eq[2] : contextValue !== eq[2];
  });
}

const P = "dev";
const branch = { name: "projects/app/branches/dev", status: {} };
const ref = { profileName: P, branchName: branch.name, databaseName: `${branch.name}/databases/db`, postgresDatabase: "db" };
const nodes: ExplorerNode[] = [
  profileNode({ name: P }), profileNode({ name: P, isDefault: true }),
  projectNode(P, { name: "projects/app" }), projectNode(P, { name: "projects/old", delete_time: "2026-01-01T00:00:00Z" }),
  branchNode(P, branch), branchNode(P, { name: "projects/app/branches/production", status: { default: true, is_protected: true } }),
  folderNode(P, branch.name, "endpoints"), folderNode(P, branch.name, "databases"), folderNode(P, branch.name, "roles"),
  endpointNode(P, { name: `${branch.name}/endpoints/primary`, status: { endpoint_type: "ENDPOINT_TYPE_READ_WRITE" } }),
  endpointNode(P, { name: `${branch.name}/endpoints/ro`, status: { endpoint_type: "ENDPOINT_TYPE_READ_ONLY" } }),
  databaseNode(P, branch.name, { name: `${branch.name}/databases/db` }),
  roleNode(P, { name: `${branch.name}/roles/r` }),
  schemaNode(ref, { name: "public" } as never), relationNode(ref, "public", { name: "t", kind: "table" } as never),
  relationNode(ref, "public", { name: "v", kind: "view" } as never), columnNode(ref, "public", "t", { name: "id", isPrimaryKey: true } as never),
  loadMoreNode("x", P, "tok", 1), errorNode("x", "failed", new Error("x"), P), messageNode("x", "none", P),
];
// The shell adds `.needsLogin` / `.u2m` to a profile row's context value (registerExplorer's decorate).
const contextValues = new Map<string, ExplorerNode["kind"]>();
for (const n of nodes) contextValues.set(nodeContextValue(n), n.kind);
for (const suffix of [".needsLogin", ".u2m", ".needsLogin.u2m"]) {
  contextValues.set(`lakebase.profile${suffix}`, "profile");
  contextValues.set(`lakebase.profile.default${suffix}`, "profile");
}
contextValues.set("lakebase.configProblem", "message");

/** The node kinds each context command knows how to act on (it reads that node's own data). */
const ACTS_ON: Record<string, ReadonlyArray<ExplorerNode["kind"]>> = {
  "lakebase.copy.host": ["endpoint"], "lakebase.copy.endpointName": ["endpoint"], "lakebase.copy.url": ["endpoint"], "lakebase.copy.psql": ["endpoint"],
  "lakebase.target.select": ["branch", "endpoint", "database"],
  "lakebase.branch.create": ["project", "branch"], "lakebase.branch.delete": ["branch"], "lakebase.project.delete": ["project"],
  "lakebase.project.create": ["profile"], "lakebase.profiles.login": ["profile"], "lakebase.profiles.setDefault": ["profile"], "lakebase.profiles.openConfig": ["profile"],
  "lakebase.role.create": ["branch", "rolesFolder"], "lakebase.schema.compare": ["branch"], "lakebase.table.editData": ["table"],
};

describe("explorer context menus (package.json)", () => {
  const items = manifest.contributes.menus["view/item/context"]!.filter((m) => m.when?.includes("view == lakebase.explorer"));

  it("offer each action only on rows of the kinds it acts on", () => {
    const wrong: string[] = [];
    for (const item of items) {
      if (item.command === "lakebase.explorer.refresh") continue; // refreshes whatever row it is on
      const kinds = ACTS_ON[item.command];
      assert.ok(kinds, `${item.command}: add it to ACTS_ON`);
      for (const [cv, kind] of contextValues) {
        if (matchesViewItem(item.when!, cv) && !kinds.includes(kind)) wrong.push(`${item.command} on ${cv}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("offer Copy Host on endpoint rows (read-write and read-only) and not on the Endpoints folder", () => {
    const when = items.find((m) => m.command === "lakebase.copy.host")!.when!;
    assert.equal(matchesViewItem(when, "lakebase.endpoint.readWrite"), true);
    assert.equal(matchesViewItem(when, "lakebase.endpoint.readOnly"), true);
    assert.equal(matchesViewItem(when, "lakebase.endpointsFolder"), false);
  });

  it("offer each action on at least one row (a typo in a when clause would hide it)", () => {
    for (const item of items) {
      const any = [...contextValues.keys()].some((cv) => matchesViewItem(item.when!, cv));
      assert.ok(any, `${item.command} (${item.when}) matches no row`);
    }
  });
});

describe("explorer welcome content (package.json)", () => {
  it("offers Sign in and Add a profile when there is no profile (issue #16)", () => {
    const welcome = (manifest.contributes as unknown as { viewsWelcome: Array<{ view: string; contents: string }> }).viewsWelcome.find((w) => w.view === "lakebase.explorer")!;
    assert.match(welcome.contents, /\[Sign in\]\(command:lakebase\.profiles\.login\)/);
    assert.match(welcome.contents, /\[Add a profile\]\(command:lakebase\.profiles\.openConfig\)/);
  });
});
