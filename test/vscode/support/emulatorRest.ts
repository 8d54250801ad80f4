// Helpers for suites running inside the extension host: talk to the emulator the runner started,
// with the PAT from the config file it wrote (exactly what a user's ~/.databrickscfg holds).
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import * as vscode from "vscode";
import { sslFor } from "../../../src/core/db/ssl";
import { createHttpsTransport } from "../../../src/core/http/httpsTransport";
import { TlsTrust } from "../../../src/core/tlsTrust";

export const EXTENSION_ID = "lakebase-dev.lakebase-vscode";

export function emulatorUrl(): string {
  const url = process.env.LAKEBASE_TEST_WORKSPACE_URL;
  assert.ok(url, "the runner exports LAKEBASE_TEST_WORKSPACE_URL");
  return url;
}

/**
 * The emulator speaks TLS with a CA made for this run; the runner writes it into the user
 * settings as `lakebase.extraCaFile`, exactly as a user trusts a private CA. Suites trust it the
 * same way for their own calls.
 */
export function extraCaFile(): string {
  const file = vscode.workspace.getConfiguration("lakebase").get<string>("extraCaFile");
  assert.ok(file, "the runner sets lakebase.extraCaFile to the emulator's CA");
  return file;
}

let transport: typeof fetch | undefined;
/** `fetch` that trusts the emulator's CA (global fetch cannot). */
export function emuFetch(): typeof fetch {
  transport ??= createHttpsTransport(new TlsTrust(extraCaFile()));
  return transport;
}

/** pg `ssl` options for a raw connection to a front door: verified TLS with the emulator's CA. */
export function emuSsl(host: string): ConnectionOptions {
  return sslFor(host, new TlsTrust(extraCaFile()));
}

export function patFromConfig(): string {
  const file = process.env.LAKEBASE_TEST_CONFIG_FILE;
  assert.ok(file, "the runner exports LAKEBASE_TEST_CONFIG_FILE");
  const section = readFileSync(file, "utf8").split(/^\[/m).find((s) => s.startsWith("emulator]"));
  const token = section?.match(/^token\s*=\s*(\S+)/m)?.[1];
  assert.ok(token, "the [emulator] profile has a token");
  return token;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await emuFetch()(emulatorUrl() + path, {
    method,
    headers: { authorization: `Bearer ${patFromConfig()}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Emulator test controls (/__emulator/…), e.g. short credential lifetimes. */
export async function admin(path: string, body?: unknown): Promise<unknown> {
  const res = await emuFetch()(`${emulatorUrl()}/__emulator/${path}`, { method: body === undefined ? "GET" : "POST", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(res.ok, `admin ${path}: HTTP ${res.status} ${await res.text()}`);
  const text = await res.text().catch(() => "");
  return text ? JSON.parse(text) : undefined;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the runner opens a workspace folder");
  return folder;
}

export async function activateExtension<T = unknown>(): Promise<T> {
  const ext = vscode.extensions.getExtension<T>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.activate();
}

/** Asks the runner for a picture of the live workbench; resolves when it is written. */
/** `size` ("1000x700") sets the window's size for that picture only. */
/** `clip` keeps only that part of the window (x, y, width, height in its pixels). */
export async function screenshot(name: string, size?: `${number}x${number}`, clip?: { x: number; y: number; width: number; height: number }): Promise<string | undefined> {
  const dir = process.env.LAKEBASE_TEST_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const file = `${dir}/${name}.png`;
  const { existsSync, rmSync } = await import("node:fs");
  rmSync(file, { force: true });
  console.log(`[lakebase:screenshot] ${name}${size ? ` ${size}` : ""}${size && clip ? ` clip=${clip.x},${clip.y},${clip.width},${clip.height}` : ""}`);
  return waitFor(`screenshot ${name}`, () => (existsSync(file) ? file : undefined), 10000);
}

/** Creates a project over REST unless it exists; returns its production endpoint's name. */
export async function ensureProject(id: string, displayName = id): Promise<string> {
  if ((await rest("GET", `/api/2.0/postgres/projects/${id}`)).status !== 200) {
    let op = await rest("POST", `/api/2.0/postgres/projects?project_id=${id}`, { spec: { display_name: displayName } });
    assert.equal(op.status, 200, JSON.stringify(op.json));
    const deadline = Date.now() + 60_000;
    while (!op.json.done) {
      assert.ok(Date.now() < deadline, "project creation finishes within 60 s");
      await new Promise((r) => setTimeout(r, 100));
      op = await rest("GET", `/api/2.0/postgres/${op.json.name}`);
    }
    assert.ok(!op.json.error, JSON.stringify(op.json.error));
  }
  return `projects/${id}/branches/production/endpoints/primary`;
}

/** The text of the Lakebase output channel, once it shows `expect` (what the test just did). */
export async function lakebaseLog(expect: RegExp): Promise<string> {
  await vscode.commands.executeCommand("lakebase.log.show");
  const doc = await waitFor("the Lakebase output document", () =>
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === "output" && /Lakebase/i.test(d.uri.toString())));
  return waitFor(`${expect} in the log`, () => (expect.test(doc.getText()) ? doc.getText() : undefined));
}

type Window = Record<string, unknown>;

/** Replaces `vscode.window[name]` for one test; returns the calls' arguments and a restore function. */
export function stubWindow(name: string, answer: (...args: unknown[]) => unknown): { calls: unknown[][]; restore: () => void } {
  const win = vscode.window as unknown as Window;
  const original = win[name];
  const calls: unknown[][] = [];
  win[name] = (...args: unknown[]) => { calls.push(args); return Promise.resolve(answer(...args)); };
  return { calls, restore: () => { win[name] = original; } };
}

/** What the workbench shows: the elements matching `selector` (text, attributes), read by the runner; undefined without it. */
export async function workbenchDom(name: string, selector: string): Promise<Array<{ text: string; attributes: Record<string, string> }> | undefined> {
  const dir = process.env.LAKEBASE_TEST_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const file = `${dir}/${name}.json`;
  const { existsSync, readFileSync, rmSync } = await import("node:fs");
  rmSync(file, { force: true });
  console.log(`[lakebase:dom] ${name} ${selector}`);
  await waitFor(`the workbench's ${selector}`, () => existsSync(file), 10000);
  const found = JSON.parse(readFileSync(file, "utf8")) as Array<{ text: string; attributes: Record<string, string> }> | { error: string };
  if (!Array.isArray(found)) throw new Error(`reading the workbench's ${selector}: ${found.error}`);
  return found;
}
