// package.json against the code, cheaply, in the unit tier: a menu on a command nobody
// registers, or a `when` clause on a contextValue no row carries, fails here instead of
// silently hiding a menu item in the real VS Code.
import assert from "node:assert/strict";
import { codeFacts, producedContextValues, readManifest, registeredCommands } from "./codeFacts";
import { checkManifest, type Manifest } from "./manifestCheck";

const real = () => readManifest() as Manifest;

describe("manifest check", () => {
  it("passes on the real package.json", () => {
    assert.deepEqual(checkManifest(real(), codeFacts()), []);
  });

  it("reads every registration's id (none is built at run time)", () => {
    const { ids, unreadable } = registeredCommands();
    assert.deepEqual(unreadable, []);
    // The ids from both registration forms: the wrapper called directly, and registerQueries' alias.
    for (const id of ["lakebase.log.show", "lakebase.explorer.refresh", "lakebase.query.run", "lakebase.history.clear"]) assert.ok(ids.has(id), id);
  });

  it("knows the contextValues the shell adds to profile rows", () => {
    const values = producedContextValues();
    for (const v of ["lakebase.profile.default.needsLogin.u2m", "lakebase.profile.u2m", "lakebase.table", "lakebase.branch.default.protected", "lakebase.configProblem", "lakebase.schemaChange.added"]) {
      assert.ok(values.has(v), v);
    }
    assert.ok(!values.has("lakebase.tabel"));
  });

  it("fails on a viewItem == that names no contextValue", () => {
    const m = real();
    const item = m.contributes.menus!["view/item/context"]!.find((x) => x.command === "lakebase.table.editData")!;
    item.when = "view == lakebase.explorer && viewItem == lakebase.tabel";
    assert.deepEqual(checkManifest(m, codeFacts()), [
      'menu view/item/context (lakebase.table.editData): "viewItem == lakebase.tabel" names no contextValue the trees produce',
    ]);
  });

  it("fails on a viewItem =~ that matches nothing, and on a view that does not exist", () => {
    const m = real();
    const item = m.contributes.menus!["view/item/context"]!.find((x) => x.command === "lakebase.copy.host")!;
    item.when = "view == lakebase.explorr && viewItem =~ /^lakebase\\.endpoints$/";
    assert.deepEqual(checkManifest(m, codeFacts()), [
      'menu view/item/context (lakebase.copy.host): "viewItem =~ /^lakebase\\.endpoints$/" matches no contextValue the trees produce',
      'menu view/item/context (lakebase.copy.host): "view == lakebase.explorr" names no contributed view',
    ]);
  });

  it("fails on a command contributed but not registered, a menu or keybinding on an unknown command, and a registered command missing from package.json", () => {
    const m = real();
    m.contributes.commands!.push({ command: "lakebase.nothing.here" });
    m.contributes.commands = m.contributes.commands!.filter((c) => c.command !== "lakebase.history.clear");
    m.contributes.menus!["editor/title"]!.push({ command: "lakebase.query.rnu", when: "editorLangId == sql" });
    m.contributes.keybindings!.push({ command: "lakebase.query.runFil" });
    assert.deepEqual(checkManifest(m, codeFacts()), [
      "command lakebase.nothing.here is contributed but never registered",
      "command lakebase.history.clear is registered but not contributed in package.json",
      "menu editor/title (lakebase.query.rnu): command lakebase.query.rnu is not contributed",
      "keybinding for lakebase.query.runFil: the command is not contributed",
    ]);
  });

  it("fails on activation events that name nothing or are implied", () => {
    const m = real();
    m.activationEvents = [...m.activationEvents!, "onWebviewPanel:lakebase.plan", "onLanguage:sqll", "onCommand:lakebase.query.run", "onSomething"];
    assert.deepEqual(checkManifest(m, codeFacts()), [
      "activation event onWebviewPanel:lakebase.plan: no serializer restores that view type",
      "activation event onLanguage:sqll: no such language",
      "activation event onCommand:lakebase.query.run: VS Code ≥ 1.74 derives it from contributes; drop it",
      "activation event onSomething: unknown kind onSomething",
    ]);
  });

  it("fails on a welcome view link to an unknown command", () => {
    const m = real();
    m.contributes.viewsWelcome![0]!.contents += "\n[Do it](command:lakebase.profiles.logn)";
    assert.deepEqual(checkManifest(m, codeFacts()), ["viewsWelcome of lakebase.explorer: link to command lakebase.profiles.logn that is not contributed"]);
  });
});
