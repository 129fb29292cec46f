// Groups validation issues ({nodeId, field, code, message}) by where the canvas shows them:
// on a node card, on a config field, on an edge, or on the workflow as a whole.
import type { ValidationIssue } from '../api/types';
import { shortIssue } from './issueText';

export interface NodeIssues {
  /** Keyed by config path without the `config.` prefix, e.g. `temperature`, `messages[1].content`. */
  fields: Record<string, ValidationIssue[]>;
  /** Issues about ports (`inputs.messages`) or the node itself. */
  general: ValidationIssue[];
  errorCount: number;
  warningCount: number;
}

export interface IssueMap {
  nodes: Record<string, NodeIssues>;
  edges: Record<string, ValidationIssue[]>;
  workflow: ValidationIssue[];
  errorCount: number;
}

export const isError = (i: ValidationIssue) => (i.severity ?? 'error') === 'error';

export function mapIssues(issues: readonly ValidationIssue[]): IssueMap {
  const map: IssueMap = { nodes: {}, edges: {}, workflow: [], errorCount: 0 };
  for (const issue of issues) {
    if (isError(issue)) map.errorCount++;
    if (issue.edgeId) (map.edges[issue.edgeId] ??= []).push(issue);
    if (!issue.nodeId) {
      if (!issue.edgeId) map.workflow.push(issue);
      continue;
    }
    const node = (map.nodes[issue.nodeId] ??= { fields: {}, general: [], errorCount: 0, warningCount: 0 });
    if (isError(issue)) node.errorCount++; else node.warningCount++;
    const field = issue.field ?? '';
    if (field.startsWith('config.')) (node.fields[field.slice('config.'.length)] ??= []).push(issue);
    else if (field === 'config') (node.fields[''] ??= []).push(issue);
    else node.general.push(issue);
  }
  return map;
}

/** Issues of a field and everything inside it: `messages` also gets `messages[0].content`. */
export function issuesAt(node: NodeIssues | undefined, path: string): ValidationIssue[] {
  if (!node) return [];
  const out: ValidationIssue[] = [];
  for (const [key, list] of Object.entries(node.fields)) {
    if (key === path || key.startsWith(path + '.') || key.startsWith(path + '[')) out.push(...list);
  }
  return out;
}

/** Why the Run button is disabled, or undefined when it may run. */
export function runBlocker(map: IssueMap, nodeCount: number): string | undefined {
  if (nodeCount === 0) return 'Add nodes to the canvas first.';
  if (map.errorCount === 0) return undefined;
  const first = [...map.workflow, ...Object.values(map.edges).flat(), ...Object.values(map.nodes).flatMap((n) => [...n.general, ...Object.values(n.fields).flat()])]
    .find(isError);
  const where = first?.nodeId ? `${first.nodeId}: ` : '';
  const more = map.errorCount > 1 ? ` (and ${map.errorCount - 1} more)` : '';
  return `Fix ${map.errorCount === 1 ? 'the error' : `${map.errorCount} errors`} first — ${where}${first ? shortIssue(first) : ''}${more}`;
}
