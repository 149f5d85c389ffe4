import type { Database } from '../src/server/platform/db.js';
import type { ListStatements, Statement } from './list-sql.js';

export type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
};

export type ExplainResult = {
  case: string;
  statement: 'page' | 'count';
  /** Node types in plan order, e.g. "Index Scan people_employee_no_uq on people". */
  nodes: string[];
  seqScanOnPeople: boolean;
};

function flatten(node: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(node);
  for (const child of node.Plans ?? []) flatten(child, out);
  return out;
}

export function describe(node: PlanNode): string {
  const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  const via = node['Index Name'] ? ` ${node['Index Name']}` : '';
  return `${node['Node Type']}${via}${on}`;
}

/** The plan of one statement (EXPLAIN FORMAT JSON with its parameters), its nodes in plan order. */
export async function explainOne(database: Database, statement: Statement): Promise<PlanNode[]> {
  const rows = await database.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (FORMAT JSON) ${statement.sql}`,
    statement.params,
  );
  const raw = rows[0]['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return flatten(parsed[0].Plan);
}

/** The plan of every statement of every case, with the one thing the bar asks: a sequential scan of people? */
export async function explainCases(
  database: Database,
  cases: Record<string, ListStatements>,
): Promise<ExplainResult[]> {
  const results: ExplainResult[] = [];
  for (const [name, statements] of Object.entries(cases)) {
    for (const which of ['page', 'count'] as const) {
      const nodes = await explainOne(database, statements[which]);
      results.push({
        case: name,
        statement: which,
        nodes: nodes.map(describe),
        seqScanOnPeople: nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'people'),
      });
    }
  }
  return results;
}
