// What is shown: the filters' state and which nodes and edges it leaves visible.
import { span } from './dates.js';

/**
 * The state of the filters over `data` (what /graph.json holds): every type and stated
 * relation on, the co-occurrence layer off, the whole timeline, undated items shown.
 */
export function initialFilters(data, timeline) {
  return {
    types: new Set(data.types.map((t) => t.name)),
    relations: new Set(data.relations.filter((r) => r.layer === 'stated').map((r) => r.name)),
    cooccurrence: false,
    from: timeline ? timeline[0] : null,
    to: timeline ? timeline[1] : null,
    undated: true,
  };
}

/** The months the data's dates cover, [first, last], or null when nothing is dated. */
export function timelineOf(data) {
  let lo = Infinity;
  let hi = -Infinity;
  const widen = (s) => {
    if (!s) return;
    lo = Math.min(lo, s[0]);
    hi = Math.max(hi, s[1]);
  };
  for (const n of data.nodes) widen(span(n.first_seen, n.last_seen));
  for (const e of data.edges) widen(span(e.first, e.last));
  return lo === Infinity ? null : [lo, hi];
}

/** Whether an item spanning `months` (null: undated) passes the timeline of `f`. */
function inTime(months, f) {
  if (!months) return f.undated;
  return f.from === null || (months[1] >= f.from && months[0] <= f.to);
}

/**
 * The ids of the visible nodes and edges under filters `f`. `items` holds, for each node and
 * edge, what the filters look at (see `indexItems`).
 */
export function visibleItems(items, f) {
  const nodes = new Set();
  for (const n of items.nodes) {
    if (f.types.has(n.type) && inTime(n.months, f)) nodes.add(n.id);
  }
  const edges = new Set();
  for (const e of items.edges) {
    const layerOn = e.layer === 'cooccurrence' ? f.cooccurrence : f.relations.has(e.kind);
    if (layerOn && nodes.has(e.source) && nodes.has(e.target) && inTime(e.months, f)) {
      edges.add(e.id);
    }
  }
  return { nodes, edges };
}

/** What the filters look at, computed once: each node's and edge's months. */
export function indexItems(data) {
  return {
    nodes: data.nodes.map((n) => ({ id: n.id, type: n.type, months: span(n.first_seen, n.last_seen) })),
    edges: data.edges.map((e) => ({
      id: e.id, kind: e.kind, layer: e.layer, source: e.source, target: e.target,
      months: span(e.first, e.last),
    })),
  };
}
