/**
 * Diagnostics and quick fixes in the `.env` editor (any language: VS Code 1.100 calls `.env`
 * "properties" and `.env.local` plain text, newer ones "dotenv"). The analysis is the core's
 * (`analyzeEnv`); this shell gathers its facts — the folder's target, the workspace's answer about
 * the file's endpoint (cached briefly, so typing does not call the API per keystroke) — and turns
 * problems into squiggles with a "Rewrite from target" fix that runs the lossless env writer.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import { analyzeEnv, endpointToCheck, isLakebaseEnv, profileNamedIn, type EnvFacts, type EnvProblem } from "../../core/envfile/envAnalysis";
import { parseEnv } from "../../core/envfile/dotenvScan";
import { DatabricksApiError } from "../../core/http/errors";
import { folderKey, type Shell } from "../shell";

const SOURCE = "Lakebase";
const DEBOUNCE_MS = 300;
const ENDPOINT_CACHE_MS = 30_000;

/** `.env`, `.env.local`, `.env.development`…; not `.env.example` (placeholders by design). */
export function isEnvFileName(file: string): boolean {
  const base = path.basename(file);
  return /^\.env(\..+)?$/.test(base) && base !== ".env.example";
}

type EndpointFacts = EnvFacts["endpoint"];

export function registerEnvDiagnostics(shell: Shell): void {
  const { context, services, log } = shell;
  const collection = vscode.languages.createDiagnosticCollection("lakebase-env");
  const problems = new Map<string, EnvProblem[]>();
  const timers = new Map<string, NodeJS.Timeout>();
  const endpoints = new Map<string, { at: number; facts: EndpointFacts }>();
  const generation = new Map<string, number>();

  const endpointFacts = async (profile: string, name: string): Promise<EndpointFacts> => {
    const key = `${profile}\u0000${name}`;
    const hit = endpoints.get(key);
    if (hit && Date.now() - hit.at < ENDPOINT_CACHE_MS) return hit.facts;
    let facts: EndpointFacts;
    try {
      const ep = await services.lakebase(profile).getEndpoint(name);
      const hosts = Object.values(ep.status?.hosts ?? {}).filter((h): h is string => typeof h === "string" && h.length > 0);
      facts = { name, exists: true, hosts };
    } catch (err) {
      // Only the workspace's "no such endpoint" is a fact; anything else (signed out, offline) is not known.
      if (err instanceof DatabricksApiError && err.status === 404) facts = { name, exists: false, hosts: [] };
      else {
        log.logger.debug(`.env check: could not read ${name}: ${err instanceof Error ? err.message : String(err)}`);
        facts = undefined;
      }
    }
    endpoints.set(key, { at: Date.now(), facts });
    return facts;
  };

  const check = async (doc: vscode.TextDocument): Promise<void> => {
    const uri = doc.uri.toString();
    const mine = (generation.get(uri) ?? 0) + 1;
    generation.set(uri, mine);
    const text = doc.getText();
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const target = folder ? services.targets.get(folderKey(folder)) : undefined;
    // Only Lakebase env files, in a folder with a target or with AppKit's LAKEBASE_ENDPOINT.
    if (!isLakebaseEnv(text) || (!target && !parseEnv(text).get("LAKEBASE_ENDPOINT"))) {
      problems.delete(uri);
      collection.delete(doc.uri);
      return;
    }
    const profiles = services.profiles.list().map((p) => ({ name: p.name }));
    const named = profileNamedIn(text);
    const asker = named && profiles.some((p) => p.name === named) ? named : target?.profile;
    const endpointName = endpointToCheck(text, target && { profile: target.profile, endpoint: target.endpoint });
    const endpoint = asker && endpointName ? await endpointFacts(asker, endpointName) : undefined;
    if (generation.get(uri) !== mine || doc.isClosed) return; // a newer edit is being checked
    const found = analyzeEnv(text, { target: target && { profile: target.profile, endpoint: target.endpoint }, endpoint, profiles, now: new Date() });
    problems.set(uri, found);
    collection.set(doc.uri, found.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)), p.message,
        p.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = SOURCE;
      d.code = p.code;
      return d;
    }));
  };

  const schedule = (doc: vscode.TextDocument, delay = DEBOUNCE_MS) => {
    if (doc.uri.scheme !== "file" || !isEnvFileName(doc.uri.fsPath)) return;
    const uri = doc.uri.toString();
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      check(doc).catch((err: unknown) => log.logger.warn(`.env check of ${doc.uri.fsPath} failed: ${err instanceof Error ? err.message : String(err)}`));
    }, delay));
  };
  const checkAll = () => { for (const d of vscode.workspace.textDocuments) schedule(d, 0); };

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      problems.delete(d.uri.toString());
      collection.delete(d.uri);
    }),
    services.targets.onDidChange(() => { endpoints.clear(); checkAll(); }),
    services.profiles.onDidChange(() => { endpoints.clear(); checkAll(); }),
    vscode.languages.registerCodeActionsProvider({ scheme: "file", pattern: "**/.env*" }, {
      provideCodeActions(doc, _range, ctx) {
        const ours = ctx.diagnostics.filter((d) => d.source === SOURCE);
        const found = problems.get(doc.uri.toString()) ?? [];
        const fixable = ours.filter((d) => found.some((p) => p.code === d.code && p.rewriteFromTarget && doc.offsetAt(d.range.start) === p.start));
        const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
        const target = folder ? services.targets.get(folderKey(folder)) : undefined;
        if (fixable.length === 0 || !folder || !target) return [];
        const env = parseEnv(doc.getText());
        const action = new vscode.CodeAction(`Rewrite from target (${target.branchLabel ?? target.branch} · ${target.database})`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = fixable;
        action.isPreferred = true;
        action.command = {
          title: action.title,
          command: "lakebase.env.write",
          arguments: [{
            file: doc.uri.fsPath,
            folder: folder.uri.toString(),
            example: false,
            // Secrets are rewritten only where the file already keeps them.
            includeToken: !!env.get("DATABRICKS_TOKEN"),
            includePgPassword: !!env.get("PGPASSWORD"),
          }],
        };
        return [action];
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    { dispose: () => { for (const t of timers.values()) clearTimeout(t); } },
  );
  checkAll();
}
