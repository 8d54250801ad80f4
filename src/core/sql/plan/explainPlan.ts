/**
 * EXPLAIN (FORMAT JSON) output as a tree the plan view can show: per node its own (exclusive)
 * time, estimated vs actual rows, cost and buffers, and which nodes are the slowest.
 */
import { firstKeyword } from "../../db/statementKind";
import { tokenize } from "../analysis/lexer";

export interface PlanNode {
  id: number;
  nodeType: string;
  /** "on orders o", "using orders_pkey", "Hash Join (Left)"…: what the node works on. */
  target?: string;
  startupCost: number;
  totalCost: number;
  planRows: number;
  /** With ANALYZE: rows per loop × loops (what the node really produced). */
  actualRows?: number;
  loops?: number;
  /** With ANALYZE: time of the node including its children, over all loops (ms). */
  totalMs?: number;
  /** …minus its children's: the time spent in this node itself. */
  selfMs?: number;
  /** Estimated / actual rows, ≥ 1 (how far the planner was off), with ANALYZE. */
  misestimate?: number;
  buffers?: { sharedHit: number; sharedRead: number; sharedDirtied: number; tempRead: number; tempWritten: number };
  /** Conditions and keys: "Filter: (status = 'paid'::text)", "Rows Removed by Filter: 3"… */
  details: string[];
  slow: boolean;
  children: PlanNode[];
}

export interface ExplainedPlan {
  root: PlanNode;
  analyzed: boolean;
  planningMs?: number;
  executionMs?: number;
  /** Ids of the nodes with the most self time (with ANALYZE), slowest first. */
  slowest: number[];
}

const DETAIL_KEYS = ["Filter", "Index Cond", "Recheck Cond", "Hash Cond", "Merge Cond", "Join Filter", "Sort Key", "Group Key", "Rows Removed by Filter", "Rows Removed by Join Filter", "Sort Method", "Workers Planned", "Workers Launched", "Strategy", "Output"];

/** The EXPLAIN statement for `statement`: JSON, with ANALYZE and BUFFERS when analyzing. */
export function explainSql(statement: string, analyze: boolean): string {
  return `EXPLAIN (FORMAT JSON${analyze ? ", ANALYZE, BUFFERS" : ""}) ${statement}`;
}

/** True when running the statement changes data (EXPLAIN ANALYZE really runs it). */
export function changesData(statement: string): boolean {
  const kw = firstKeyword(statement);
  if (["INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "CALL", "DO", "TRUNCATE", "COPY"].includes(kw)) return true;
  const words = tokenize(statement).filter((t) => t.kind === "word").map((t) => t.upper);
  // WITH x AS (DELETE … RETURNING …) SELECT …, and SELECT … INTO new_table.
  if (kw === "WITH") return words.some((w) => w === "INSERT" || w === "UPDATE" || w === "DELETE" || w === "MERGE");
  return kw === "SELECT" && words.includes("INTO") && !words.includes("INSERT");
}

/** Parses the single JSON value EXPLAIN (FORMAT JSON) returns (text or already parsed). */
export function parseExplain(output: unknown): ExplainedPlan {
  const json = typeof output === "string" ? (JSON.parse(output) as unknown) : output;
  const top = (Array.isArray(json) ? json[0] : json) as Record<string, unknown> | undefined;
  const plan = top?.Plan as Record<string, unknown> | undefined;
  if (!plan) throw new Error("This is not EXPLAIN (FORMAT JSON) output: there is no Plan.");
  let next = 0;
  const analyzed = plan["Actual Total Time"] !== undefined;
  const build = (p: Record<string, unknown>): PlanNode => {
    const id = next++;
    const children = ((p.Plans as Record<string, unknown>[] | undefined) ?? []).map(build);
    const num = (k: string) => (typeof p[k] === "number" ? (p[k] as number) : undefined);
    const loops = num("Actual Loops");
    const node: PlanNode = {
      // ModifyTable is shown as what it does (Insert, Update, Delete, Merge), as psql's text format does.
      id, nodeType: String(p["Node Type"] === "ModifyTable" && p.Operation ? p.Operation : (p["Node Type"] ?? "?")), startupCost: num("Startup Cost") ?? 0, totalCost: num("Total Cost") ?? 0, planRows: num("Plan Rows") ?? 0,
      details: DETAIL_KEYS.filter((k) => p[k] !== undefined).map((k) => `${k}: ${Array.isArray(p[k]) ? (p[k] as unknown[]).join(", ") : String(p[k])}`),
      slow: false, children,
    };
    const target = describeTarget(p);
    if (target) node.target = target;
    if (analyzed && loops !== undefined) {
      node.loops = loops;
      node.actualRows = (num("Actual Rows") ?? 0) * loops;
      node.totalMs = (num("Actual Total Time") ?? 0) * loops;
      // Children of a parallel Gather report per-worker times; never let self time go negative.
      node.selfMs = Math.max(0, node.totalMs - children.reduce((s, c) => s + (c.totalMs ?? 0), 0));
      const est = Math.max(1, node.planRows * loops);
      const act = Math.max(1, node.actualRows);
      node.misestimate = Math.max(est / act, act / est);
    }
    if (p["Shared Hit Blocks"] !== undefined) {
      node.buffers = {
        sharedHit: num("Shared Hit Blocks") ?? 0, sharedRead: num("Shared Read Blocks") ?? 0, sharedDirtied: num("Shared Dirtied Blocks") ?? 0,
        tempRead: num("Temp Read Blocks") ?? 0, tempWritten: num("Temp Written Blocks") ?? 0,
      };
    }
    return node;
  };
  const root = build(plan);
  const all: PlanNode[] = [];
  const walk = (n: PlanNode) => { all.push(n); n.children.forEach(walk); };
  walk(root);
  const total = root.totalMs ?? 0;
  // The slowest nodes: the top three by self time, if they take at least a tenth of the run.
  const slowest = analyzed ? all.filter((n) => (n.selfMs ?? 0) > 0 && (n.selfMs ?? 0) >= total * 0.1).sort((a, b) => (b.selfMs ?? 0) - (a.selfMs ?? 0)).slice(0, 3) : [];
  for (const n of slowest) n.slow = true;
  return {
    root, analyzed, slowest: slowest.map((n) => n.id),
    ...(typeof top?.["Planning Time"] === "number" ? { planningMs: top["Planning Time"] } : {}),
    ...(typeof top?.["Execution Time"] === "number" ? { executionMs: top["Execution Time"] } : {}),
  };
}

function describeTarget(p: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  if (p["Join Type"] && p["Join Type"] !== "Inner") parts.push(`${String(p["Join Type"])} join`);
  if (p["Index Name"]) parts.push(`using ${String(p["Index Name"])}`);
  if (p["Relation Name"]) {
    const rel = `${p.Schema ? `${String(p.Schema)}.` : ""}${String(p["Relation Name"])}`;
    parts.push(`on ${rel}${p.Alias && p.Alias !== p["Relation Name"] ? ` ${String(p.Alias)}` : ""}`);
  } else if (p["CTE Name"]) parts.push(`on CTE ${String(p["CTE Name"])}`);
  else if (p["Function Name"]) parts.push(`on ${String(p["Function Name"])}()`);
  return parts.length ? parts.join(" ") : undefined;
}
