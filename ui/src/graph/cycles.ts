// Cycle rules over plain edges, so they can be tested without React.
interface Link { source: string; target: string }

/** True when an edge source → target would close a loop (target already reaches source). */
export function wouldCreateCycle(edges: readonly Link[], source: string, target: string): boolean {
  if (source === target) return true;
  return reachable(edges, target).has(source);
}

/** Every node reachable from `start` along edges (excluding start unless on a loop). */
export function reachable(edges: readonly Link[], start: string): Set<string> {
  const next = adjacency(edges, false);
  return walk(next, start);
}

/** Every node upstream of `start` (its ancestors). */
export function upstream(edges: readonly Link[], start: string): Set<string> {
  const prev = adjacency(edges, true);
  return walk(prev, start);
}

/** Nodes that sit on some cycle (Tarjan's strongly connected components of size > 1, or self loops). */
export function nodesOnCycles(edges: readonly Link[]): Set<string> {
  const next = adjacency(edges, false);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Set<string>();
  let counter = 0;
  const nodes = new Set<string>();
  for (const e of edges) { nodes.add(e.source); nodes.add(e.target); }

  const strongConnect = (v: string): void => {
    index.set(v, counter); low.set(v, counter); counter++;
    stack.push(v); onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      const selfLoop = component.length === 1 && (next.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) component.forEach((n) => result.add(n));
    }
  };
  for (const v of nodes) if (!index.has(v)) strongConnect(v);
  return result;
}

function adjacency(edges: readonly Link[], reverse: boolean): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of edges) {
    const [from, to] = reverse ? [e.target, e.source] : [e.source, e.target];
    const list = map.get(from);
    if (list) list.push(to); else map.set(from, [to]);
  }
  return map;
}

function walk(next: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(next.get(start) ?? [])];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    todo.push(...(next.get(n) ?? []));
  }
  return seen;
}
