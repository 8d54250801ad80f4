/** 500 tables of 8 columns, each with a primary key, a unique column, a foreign key to the one before and an index. */
export function wideSchemaSql(tables = 500): string {
  const out: string[] = [];
  for (let i = 1; i <= tables; i++) {
    const name = `t${String(i).padStart(3, "0")}`;
    const ref = i > 1 ? `, parent_id bigint REFERENCES t${String(i - 1).padStart(3, "0")}(id)` : ", parent_id bigint";
    out.push(`CREATE TABLE ${name} (id bigserial PRIMARY KEY${ref}, code varchar(32) NOT NULL UNIQUE, title text NOT NULL, amount numeric(12,2) DEFAULT 0, flags jsonb, created_at timestamptz NOT NULL DEFAULT now(), note text);`);
    out.push(`CREATE INDEX ${name}_created_idx ON ${name} (created_at);`);
  }
  return out.join("\n");
}
