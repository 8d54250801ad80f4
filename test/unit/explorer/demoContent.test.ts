// Issue #16: nothing in the demo said how to try migrations. welcome.sql and the drizzle app's README
// name the migration commands by the titles the palette shows (checked against package.json).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "../../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { contributes: { commands: Array<{ command: string; title: string }> } };
const title = (id: string) => manifest.contributes.commands.find((c) => c.command === id)!.title;

describe("the demo's migration pointers", () => {
  it("welcome.sql points at the drizzle app and the migration commands", () => {
    const welcome = readFileSync(join(root, "demo", "welcome.sql"), "utf8");
    assert.match(welcome, /drizzle-app\/README\.md/);
    for (const id of ["lakebase.migrations.generate", "lakebase.migrations.rehearse", "lakebase.migrations.apply"]) {
      const short = title(id).replace(/ \(drizzle-kit \w+\)$/, "");
      assert.ok(welcome.replace(/\n--\s+/g, " ").includes(`"Lakebase: ${short}`), `${short} in welcome.sql`);
    }
  });

  it("the drizzle app has a README naming every migration command as the palette shows it", () => {
    const file = join(root, "test", "fixtures", "drizzle-app", "README.md");
    assert.ok(existsSync(file));
    const readme = readFileSync(file, "utf8").replace(/\n\s*/g, " ");
    for (const id of ["lakebase.migrations.generate", "lakebase.migrations.rehearse", "lakebase.migrations.apply", "lakebase.migrations.push"]) {
      assert.ok(readme.includes(`Lakebase: ${title(id)}`), `${title(id)} in the README`);
    }
  });
});
