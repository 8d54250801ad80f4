import * as vscode from "vscode";
import type { LakebaseApi, ProfileSnapshot, TargetSnapshot } from "../api";
import type { WorkspaceTarget } from "../core/target/targetStore";
import { folderKey, matchWorkspaceFolder, type Shell } from "./shell";
import type { QueryApi } from "./query/queryApi";
import type { CredentialApi } from "./credentials/credentialApi";

function profileSnapshots(shell: Shell): ProfileSnapshot[] {
  return shell.services.profiles.list().map((p) => ({ name: p.name, host: p.host, authType: p.authType, state: p.state, reason: p.reason, isDefault: p.isDefault }));
}

function targetSnapshot(t: WorkspaceTarget | undefined): TargetSnapshot | undefined {
  return t && { profile: t.profile, project: t.project, branch: t.branch, endpoint: t.endpoint, database: t.database, host: t.host };
}

function folderFor(folder?: string): string | undefined {
  const match = folder ? matchWorkspaceFolder(folder) : vscode.workspace.workspaceFolders?.[0];
  return match ? folderKey(match) : undefined;
}

/** The object `activate()` returns: a stable facade over the services, no secrets unless asked for. */
export function createPublicApi(shell: Shell, features: QueryApi & CredentialApi): LakebaseApi {
  const { services } = shell;
  return {
    apiVersion: 1,
    profiles: () => profileSnapshots(shell),
    onDidChangeProfiles: (listener) => services.profiles.onDidChange(() => listener(profileSnapshots(shell))),
    target: (folder) => {
      const key = folderFor(folder);
      return key ? targetSnapshot(services.targets.get(key)) : undefined;
    },
    onDidChangeTarget: (listener) => services.targets.onDidChange((folder, t) => listener({ folder, target: targetSnapshot(t) })),
    runQuery: (params) => features.runQuery(params),
    getCredential: (request) => features.getCredential(request),
    onDidChangeCredential: features.onDidChangeCredential,
  };
}
