// The manifest check (vscode-pull-request-github's check-commands is the model): package.json
// against what the code registers and what the trees produce. Pure: takes the manifest as data,
// returns one line per problem, so a test can feed it a deliberately broken copy.

export interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands?: Array<{ command: string }>;
    menus?: Record<string, Array<{ command?: string; submenu?: string; when?: string }>>;
    keybindings?: Array<{ command: string; when?: string }>;
    views?: Record<string, Array<{ id: string }>>;
    viewsWelcome?: Array<{ view: string; contents: string }>;
    languages?: Array<{ id: string }>;
  };
}

export interface CodeFacts {
  /** Command ids the extension registers. */
  registered: ReadonlySet<string>;
  /** Every contextValue a tree row can carry. */
  contextValues: ReadonlySet<string>;
  /** Webview view types the extension restores with a serializer. */
  serializedViewTypes: ReadonlySet<string>;
  /** Languages the extension acts on without contributing them (e.g. VS Code's own `sql`). */
  builtInLanguages: ReadonlySet<string>;
}

export function checkManifest(m: Manifest, code: CodeFacts): string[] {
  const problems: string[] = [];
  const c = m.contributes;
  const contributed = new Set((c.commands ?? []).map((x) => x.command));
  const views = new Set(Object.values(c.views ?? {}).flat().map((v) => v.id));

  for (const id of contributed) if (!code.registered.has(id)) problems.push(`command ${id} is contributed but never registered`);
  for (const id of code.registered) if (!contributed.has(id)) problems.push(`command ${id} is registered but not contributed in package.json`);

  for (const [menu, items] of Object.entries(c.menus ?? {})) {
    for (const item of items) {
      const where = `menu ${menu} (${item.command ?? item.submenu})`;
      if (item.command !== undefined && !contributed.has(item.command)) problems.push(`${where}: command ${item.command} is not contributed`);
      problems.push(...checkWhen(where, item.when, code.contextValues, views));
    }
  }
  for (const k of c.keybindings ?? []) {
    if (!contributed.has(k.command)) problems.push(`keybinding for ${k.command}: the command is not contributed`);
    problems.push(...checkWhen(`keybinding ${k.command}`, k.when, code.contextValues, views));
  }
  for (const w of c.viewsWelcome ?? []) {
    if (!views.has(w.view)) problems.push(`viewsWelcome: view ${w.view} does not exist`);
    for (const link of w.contents.matchAll(/\(command:([\w.]+)/g)) {
      if (!contributed.has(link[1]!)) problems.push(`viewsWelcome of ${w.view}: link to command ${link[1]} that is not contributed`);
    }
  }
  problems.push(...checkActivationEvents(m, code));
  return problems;
}

/** `viewItem == x`, `viewItem != x` name a real contextValue; `viewItem =~ /re/` matches at least one; `view == x` a real view. */
function checkWhen(where: string, when: string | undefined, contextValues: ReadonlySet<string>, views: ReadonlySet<string>): string[] {
  if (!when) return [];
  const problems: string[] = [];
  for (const [, op, value] of when.matchAll(/\bviewItem\s*(==|!=)\s*([^\s&|)]+)/g)) {
    if (!contextValues.has(value!)) problems.push(`${where}: "viewItem ${op} ${value}" names no contextValue the trees produce`);
  }
  for (const [, body, flags] of when.matchAll(/\bviewItem\s*=~\s*\/((?:\\.|[^/\\])*)\/([a-z]*)/g)) {
    let re: RegExp;
    try {
      re = new RegExp(body!, flags);
    } catch (err) {
      problems.push(`${where}: "viewItem =~ /${body}/" is not a valid regular expression (${(err as Error).message})`);
      continue;
    }
    if (![...contextValues].some((v) => re.test(v))) problems.push(`${where}: "viewItem =~ /${body}/" matches no contextValue the trees produce`);
  }
  for (const [, op, value] of when.matchAll(/\bview\s*(==|!=)\s*([^\s&|)]+)/g)) {
    if (!views.has(value!)) problems.push(`${where}: "view ${op} ${value}" names no contributed view`);
  }
  return problems;
}

function checkActivationEvents(m: Manifest, code: CodeFacts): string[] {
  const problems: string[] = [];
  const languages = new Set([...(m.contributes.languages ?? []).map((l) => l.id), ...code.builtInLanguages]);
  const events = m.activationEvents ?? [];
  if (new Set(events).size !== events.length) problems.push("activationEvents lists an event twice");
  for (const e of events) {
    const [kind, arg] = splitOnce(e, ":");
    if (kind === "onCommand" || kind === "onView") problems.push(`activation event ${e}: VS Code ≥ 1.74 derives it from contributes; drop it`);
    else if (kind === "onLanguage") { if (!languages.has(arg)) problems.push(`activation event ${e}: no such language`); }
    else if (kind === "onWebviewPanel") { if (!code.serializedViewTypes.has(arg)) problems.push(`activation event ${e}: no serializer restores that view type`); }
    else if (kind === "workspaceContains") { if (!arg) problems.push(`activation event ${e}: needs a glob`); }
    else if (kind === "*") problems.push("activation event *: activates on every start; name the real triggers");
    else if (!["onStartupFinished", "onUri", "onFileSystem", "onAuthenticationRequest", "onTerminalProfile", "onWalkthrough", "onChatParticipant", "onLanguageModelTool", "onMcpCollection"].includes(kind)) {
      problems.push(`activation event ${e}: unknown kind ${kind}`);
    }
  }
  return problems;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}
