/** The VS Code side of completion, hover, signature help and go to definition: conversions only. */
import * as vscode from "vscode";
import type { CompletionKind } from "../../core/sql/analysis/completion";
import { sqlLanguage } from "../../core/sql/sqlLanguage";
import type { DefinitionDocuments } from "./definitionDocuments";
import type { SqlCatalogs } from "./sqlCatalogs";

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  keyword: vscode.CompletionItemKind.Keyword,
  schema: vscode.CompletionItemKind.Module,
  table: vscode.CompletionItemKind.Class,
  view: vscode.CompletionItemKind.Interface,
  column: vscode.CompletionItemKind.Field,
  function: vscode.CompletionItemKind.Function,
  type: vscode.CompletionItemKind.TypeParameter,
  join: vscode.CompletionItemKind.Snippet,
};

export function completionProvider(catalogs: SqlCatalogs): vscode.CompletionItemProvider {
  return {
    provideCompletionItems(doc, position) {
      const offset = doc.offsetAt(position);
      const r = sqlLanguage().complete(doc.getText(), offset, catalogs.indexFor(doc));
      const range = new vscode.Range(doc.positionAt(r.replaceStart), doc.positionAt(r.replaceEnd));
      const items = r.items.map((i) => {
        const item = new vscode.CompletionItem(i.label, KIND[i.kind]);
        item.insertText = i.snippet ? new vscode.SnippetString(i.insertText) : i.insertText;
        item.filterText = i.filterText;
        item.sortText = i.sortText;
        item.detail = i.detail;
        item.range = range;
        return item;
      });
      return new vscode.CompletionList(items, false);
    },
  };
}

export function hoverProvider(catalogs: SqlCatalogs): vscode.HoverProvider {
  return {
    provideHover(doc, position) {
      const index = catalogs.indexFor(doc);
      const h = index && sqlLanguage().hover(doc.getText(), doc.offsetAt(position), index);
      return h ? new vscode.Hover(new vscode.MarkdownString(h.markdown), new vscode.Range(doc.positionAt(h.start), doc.positionAt(h.end))) : undefined;
    },
  };
}

export function signatureHelpProvider(catalogs: SqlCatalogs): vscode.SignatureHelpProvider {
  return {
    provideSignatureHelp(doc, position) {
      const index = catalogs.indexFor(doc);
      const r = index && sqlLanguage().signatureHelp(doc.getText(), doc.offsetAt(position), index);
      if (!r) return undefined;
      const help = new vscode.SignatureHelp();
      help.signatures = r.signatures.map((s) => {
        const info = new vscode.SignatureInformation(s.label, s.documentation);
        info.parameters = s.parameters.map((p) => new vscode.ParameterInformation(p));
        return info;
      });
      help.activeSignature = r.activeSignature;
      help.activeParameter = r.activeParameter;
      return help;
    },
  };
}

export function definitionProvider(catalogs: SqlCatalogs, ddl: DefinitionDocuments): vscode.DefinitionProvider {
  return {
    provideDefinition(doc, position) {
      const index = catalogs.indexFor(doc);
      const hit = index && sqlLanguage().symbolAt(doc.getText(), doc.offsetAt(position), index);
      if (!hit) return undefined;
      const opened = ddl.open(hit.symbol);
      return opened ? new vscode.Location(opened.uri, new vscode.Position(opened.line, 0)) : undefined;
    },
  };
}
