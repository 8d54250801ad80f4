import * as vscode from "vscode";
import type { LakebaseServices } from "../../core/lakebaseServices";
import type { CommandArgs } from "../commandArgs";
import { branchLabel, describeBranch, describeEndpoint, endpointLabel, isDefaultBranch, projectLabel } from "../../core/lakebase/describe";
import type { Branch, Database, Endpoint, Project } from "../../core/lakebase/types";
import { profilePickItems } from "./profilePickItems";

/** Step-by-step pickers: profile → project → branch → endpoint → database. Undefined = cancelled. */

interface Item<T> extends vscode.QuickPickItem { value: T }

async function pick<T>(title: string, load: () => Promise<Array<Item<T>>>, empty: string): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<Item<T>>();
  qp.title = title;
  qp.busy = true;
  qp.placeholder = "Loading…";
  qp.show();
  try {
    const items = await load();
    if (items.length === 1 && items[0]!.picked) { qp.hide(); return items[0]!.value; }
    qp.items = items;
    qp.placeholder = items.length ? title : empty;
    qp.busy = false;
    return await new Promise<T | undefined>((resolve) => {
      qp.onDidAccept(() => { resolve(qp.selectedItems[0]?.value); qp.hide(); });
      qp.onDidHide(() => resolve(undefined));
    });
  } catch (err) {
    qp.hide();
    throw err;
  } finally {
    qp.dispose();
  }
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function pickProfile(services: LakebaseServices): Promise<string | undefined> {
  return pick("Lakebase: choose a Databricks profile", async () => profilePickItems(services.profiles.list()), `No usable profile in ${services.profiles.configFile}`);
}

export function pickProject(services: LakebaseServices, profile: string): Promise<Project | undefined> {
  return pick("Lakebase: choose a project", async () =>
    (await all(services.lakebase(profile).listProjects())).map((p) => ({ label: projectLabel(p), description: p.name, value: p })),
  "This workspace has no Lakebase projects yet: create one from the explorer (Create Project)");
}

export function pickBranch(services: LakebaseServices, profile: string, project: string, title = "Lakebase: choose a branch"): Promise<Branch | undefined> {
  return pick(title, async () => {
    const branches = await all(services.lakebase(profile).listBranches(project));
    branches.sort((a, b) => Number(isDefaultBranch(b)) - Number(isDefaultBranch(a)));
    return branches.map((b) => ({ label: `$(${isDefaultBranch(b) ? "star-full" : "git-branch"}) ${branchLabel(b)}`, description: describeBranch(b), value: b }));
  }, "No branches");
}

export function pickEndpoint(services: LakebaseServices, profile: string, branch: string): Promise<Endpoint | undefined> {
  return pick("Lakebase: choose an endpoint", async () => {
    const endpoints = await all(services.lakebase(profile).listEndpoints(branch));
    const items = endpoints.map((e) => ({ label: endpointLabel(e), description: describeEndpoint(e), value: e, picked: endpoints.length === 1 }));
    return items;
  }, "This branch has no endpoints");
}

export function pickDatabase(services: LakebaseServices, profile: string, branch: string): Promise<string | undefined> {
  return pick("Lakebase: choose a database", async () => {
    const dbs: Database[] = await all(services.lakebase(profile).listDatabases(branch));
    const names = dbs.map((d) => d.status?.postgres_database).filter((n): n is string => !!n);
    return names.map((n) => ({ label: n, value: n, picked: names.length === 1 }));
  }, "This branch has no databases");
}

/** The profile from the node or the argument object, else a picker; undefined when the picker is dismissed. */
export async function profileOrPick(a: CommandArgs, services: LakebaseServices): Promise<string | undefined> {
  return a.profile ?? (await pickProfile(services));
}
