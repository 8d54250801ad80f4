import type { Catalog, CatalogFunction, CatalogRelation, CatalogType } from "../catalog/catalogTypes";

/** Lookups the analysis needs, built once per catalog (a WeakMap keeps one index per catalog object). */
export interface CatalogIndex {
  catalog: Catalog;
  /** Relations per schema, in name order. */
  relationsBySchema: Map<string, CatalogRelation[]>;
  functionsBySchema: Map<string, CatalogFunction[]>;
  typesBySchema: Map<string, CatalogType[]>;
  schemaNames: Set<string>;
  /** Where unqualified names resolve: pg_catalog first (as Postgres does when it is not listed), then the search path. */
  resolutionPath: string[];
  relation(schema: string | undefined, name: string): CatalogRelation | undefined;
  functions(schema: string | undefined, name: string): CatalogFunction[];
  type(schema: string | undefined, name: string): CatalogType | undefined;
  /** The relations with a foreign key to this one. */
  referencedBy(rel: CatalogRelation): CatalogRelation[];
}

const cache = new WeakMap<Catalog, CatalogIndex>();

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const hit = cache.get(catalog);
  if (hit) return hit;
  const relationsBySchema = group(catalog.relations);
  const functionsBySchema = group(catalog.functions);
  const typesBySchema = group(catalog.types);
  const relByKey = new Map(catalog.relations.map((r) => [key(r.schema, r.name), r]));
  const fnByKey = new Map<string, CatalogFunction[]>();
  for (const f of catalog.functions) {
    const k = key(f.schema, f.name);
    const list = fnByKey.get(k);
    if (list) list.push(f); else fnByKey.set(k, [f]);
  }
  const refBy = new Map<string, CatalogRelation[]>();
  for (const r of catalog.relations) {
    for (const fk of r.foreignKeys) {
      const k = key(fk.refSchema, fk.refTable);
      const list = refBy.get(k) ?? [];
      if (!list.includes(r)) list.push(r);
      refBy.set(k, list);
    }
  }
  const typeByKey = new Map(catalog.types.map((t) => [key(t.schema, t.name), t]));
  const resolutionPath = catalog.searchPath.includes("pg_catalog") ? catalog.searchPath : ["pg_catalog", ...catalog.searchPath];
  const inPath = <T>(schema: string | undefined, find: (s: string) => T | undefined): T | undefined => {
    if (schema !== undefined) return find(schema);
    for (const s of resolutionPath) {
      const v = find(s);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const index: CatalogIndex = {
    catalog,
    relationsBySchema,
    functionsBySchema,
    typesBySchema,
    schemaNames: new Set(catalog.schemas.map((s) => s.name)),
    resolutionPath,
    relation: (schema, name) => inPath(schema, (s) => relByKey.get(key(s, name))),
    functions: (schema, name) => inPath(schema, (s) => fnByKey.get(key(s, name))) ?? [],
    type: (schema, name) => inPath(schema, (s) => typeByKey.get(key(s, name))),
    referencedBy: (rel) => refBy.get(key(rel.schema, rel.name)) ?? [],
  };
  cache.set(catalog, index);
  return index;
}

function key(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

function group<T extends { schema: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.schema);
    if (list) list.push(item); else out.set(item.schema, [item]);
  }
  return out;
}
