import { resourceNodeId, type ExplorerNode } from "./nodes";
import type { ColumnInfo, DatabaseRef, RelationInfo, SchemaInfo } from "./schemaReader";

/** Tree nodes for what lives inside a database: schema → table/view → column. */

function schemaId(ref: DatabaseRef, schema: string): string {
  return `${resourceNodeId(ref.profileName, ref.databaseName)}::schema:${schema}`;
}
function relationId(ref: DatabaseRef, schema: string, relation: string): string {
  return `${schemaId(ref, schema)}::rel:${relation}`;
}

export function schemaNode(ref: DatabaseRef, s: SchemaInfo): ExplorerNode {
  return {
    id: schemaId(ref, s.name),
    kind: "schema",
    label: s.name,
    tooltip: [`schema ${s.name}`, s.owner ? `owner: ${s.owner}` : undefined].filter(Boolean).join("\n"),
    collapsible: true,
    data: { kind: "schema", profileName: ref.profileName, ref, schema: s },
  };
}

export function relationNode(ref: DatabaseRef, schema: string, r: RelationInfo): ExplorerNode {
  const isView = r.kind === "view" || r.kind === "materialized view";
  return {
    id: relationId(ref, schema, r.name),
    kind: isView ? "view" : "table",
    label: r.name,
    description: r.kind === "table" || r.kind === "view" ? undefined : r.kind,
    tooltip: [`${r.kind} ${schema}.${r.name}`, r.comment].filter(Boolean).join("\n"),
    collapsible: true,
    data: { kind: "relation", profileName: ref.profileName, ref, schema, relation: r },
  };
}

export function columnNode(ref: DatabaseRef, schema: string, relation: string, c: ColumnInfo): ExplorerNode {
  const parts = [c.dataType, c.nullable ? undefined : "not null", c.isPrimaryKey ? "PK" : undefined];
  return {
    id: `${relationId(ref, schema, relation)}::col:${c.name}`,
    kind: "column",
    label: c.name,
    description: parts.filter(Boolean).join(" · "),
    tooltip: [`${c.name} ${c.dataType}${c.nullable ? "" : " NOT NULL"}`, c.isPrimaryKey ? "primary key" : undefined, c.defaultValue ? `default ${c.defaultValue}` : undefined, c.comment]
      .filter(Boolean).join("\n"),
    collapsible: false,
    data: { kind: "column", profileName: ref.profileName, ref, schema, relation, column: c },
  };
}
