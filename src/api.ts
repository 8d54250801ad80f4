/**
 * The public API returned by `activate()`: for other extensions
 * (`vscode.extensions.getExtension("lakebase-dev.lakebase-vscode").exports`) and for automation.
 * It grows with each feature; every member is documented in README.md.
 */
export interface LakebaseApi {
  /** Semantic version of this API surface (not the extension's version). */
  readonly apiVersion: 1;
}
