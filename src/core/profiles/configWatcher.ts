import { EventEmitter } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { silentLogger, type Logger } from "../log";

/**
 * Emits "changed" when the config file's content changes. Watches the file AND its directory:
 * editors and `databricks auth login` often write a temp file and rename it over the original,
 * which leaves a plain file watcher attached to the old, deleted inode. Events are debounced and
 * compared with the last content, so a save that changes nothing emits nothing.
 */
export class ConfigFileWatcher extends EventEmitter {
  private fileWatcher: fs.FSWatcher | undefined;
  private dirWatcher: fs.FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private last: string | undefined;
  private disposed = false;

  constructor(readonly file: string, private readonly opts: { debounceMs?: number; logger?: Logger } = {}) {
    super();
  }

  start(): this {
    this.last = this.snapshot();
    this.attachDir();
    this.attachFile();
    return this;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.fileWatcher?.close();
    this.dirWatcher?.close();
    this.fileWatcher = this.dirWatcher = undefined;
    this.removeAllListeners();
  }

  private get log(): Logger {
    return this.opts.logger ?? silentLogger;
  }

  private snapshot(): string {
    try { return fs.readFileSync(this.file, "utf8"); } catch { return "\u0000missing"; }
  }

  private attachFile(): void {
    if (this.fileWatcher || this.disposed || !fs.existsSync(this.file)) return;
    try {
      this.fileWatcher = fs.watch(this.file, { persistent: false }, (event) => {
        // After a rename the watcher follows the old inode: drop it and re-attach later.
        if (event === "rename") this.detachFile();
        this.schedule();
      });
      this.fileWatcher.on("error", () => { this.detachFile(); this.schedule(); });
    } catch (err) {
      this.log.debug(`cannot watch ${this.file}: ${String(err)}`);
    }
  }

  private detachFile(): void {
    this.fileWatcher?.close();
    this.fileWatcher = undefined;
  }

  private attachDir(): void {
    const dir = path.dirname(this.file);
    const base = path.basename(this.file);
    try {
      this.dirWatcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (!name || name.toString() === base) this.schedule();
      });
      this.dirWatcher.on("error", (err) => this.log.debug(`directory watch on ${dir} failed: ${String(err)}`));
    } catch (err) {
      this.log.debug(`cannot watch ${dir}: ${String(err)}`);
    }
  }

  private schedule(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.settle(), this.opts.debounceMs ?? 150);
  }

  private settle(): void {
    if (this.disposed) return;
    this.attachFile();
    const now = this.snapshot();
    if (now === this.last) return;
    this.last = now;
    this.emit("changed");
  }
}
