// Where the nodes are drawn. The nodes that stand in a stated relation start at seeded
// positions (each node's from a hash of its id, so it starts in the same place whatever else
// the graph holds) and are laid out by ForceAtlas2, with the Barnes-Hut approximation on large
// graphs and fewer, coarser rounds as the graph grows, so that 10,000 nodes take a few seconds.
// The nodes without one are not pulled by anything: they go on a ring around the rest, grouped
// by type, instead of being pushed apart one round at a time.
import forceAtlas2 from 'graphology-layout-forceatlas2';

/** FNV-1a hash of a string, as an unsigned 32-bit integer. */
function hash(text, seed) {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Gives each of `nodes` a starting position in a disc that grows with their number. */
function seedPositions(graph, nodes) {
  const radius = 10 * Math.sqrt(nodes.length);
  for (const node of nodes) {
    const angle = (hash(node, 1) / 2 ** 32) * 2 * Math.PI;
    const r = radius * Math.sqrt(hash(node, 2) / 2 ** 32);
    graph.mergeNodeAttributes(node, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
  }
}

/** ForceAtlas2 rounds and Barnes-Hut accuracy for `order` nodes. */
export function effortFor(order) {
  if (order <= 500) return { iterations: 500, theta: 0.5 };
  if (order <= 2000) return { iterations: 200, theta: 0.6 };
  if (order <= 5000) return { iterations: 100, theta: 0.8 };
  return { iterations: 60, theta: 1.0 };
}

/**
 * Lays `graph` out in place, from the edges present (so call it before adding edges that should
 * not pull). `groupOf(node)` orders the unconnected nodes on their ring.
 */
export function layOut(graph, groupOf) {
  const connected = [];
  const alone = [];
  graph.forEachNode((node) => (graph.degreeWithoutSelfLoops(node) > 0 ? connected : alone).push(node));
  seedPositions(graph, connected);
  if (connected.length > 0) {
    const { iterations, theta } = effortFor(connected.length);
    // ForceAtlas2 moves every node of the graph it is given: give it the connected ones only.
    const core = graph.nullCopy();
    for (const node of connected) core.addNode(node, graph.getNodeAttributes(node));
    graph.forEachEdge((edge, attributes, source, target, _s, _t, undirected) => {
      if (source === target) return;
      if (undirected) core.addUndirectedEdgeWithKey(edge, source, target, attributes);
      else core.addDirectedEdgeWithKey(edge, source, target, attributes);
    });
    const settings = {
      ...forceAtlas2.inferSettings(core),
      barnesHutOptimize: core.order > 1000,
      barnesHutTheta: theta,
    };
    const positions = forceAtlas2(core, { iterations, settings, getEdgeWeight: 'weight' });
    for (const [node, p] of Object.entries(positions)) graph.mergeNodeAttributes(node, p);
  }
  placeAround(graph, connected, alone, groupOf);
}

/**
 * Puts the `alone` nodes on a band of rings around the `connected` ones: sorted by group and
 * id, the i-th of n at angle 2πi/n on ring i mod (number of rings), so each group fills a
 * sector of the band.
 */
function placeAround(graph, connected, alone, groupOf) {
  if (alone.length === 0) return;
  let cx = 0;
  let cy = 0;
  for (const node of connected) {
    cx += graph.getNodeAttribute(node, 'x') / connected.length;
    cy += graph.getNodeAttribute(node, 'y') / connected.length;
  }
  let inner = 0;
  for (const node of connected) {
    const { x, y } = graph.getNodeAttributes(node);
    inner = Math.max(inner, Math.hypot(x - cx, y - cy));
  }
  const spacing = 12;
  inner = inner * 1.1 + 2 * spacing;
  const rings = Math.ceil((alone.length * spacing) / (2 * Math.PI * inner));
  const sorted = alone
    .map((node) => [String(groupOf(node)), node])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  sorted.forEach(([, node], i) => {
    const angle = (i / sorted.length) * 2 * Math.PI;
    const r = inner + (i % rings) * spacing;
    graph.mergeNodeAttributes(node, { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) });
  });
}
