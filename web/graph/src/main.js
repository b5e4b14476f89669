// The graph view of `corridor serve` (/graph): reads /graph.json, lays the network out with
// ForceAtlas2, draws it with sigma.js (nodes coloured by type, sized by PageRank) and wires the
// filters, the search and the click through to each entity's page.
//
// When the drawing is ready the container gets data-ready="true", data-load-ms (milliseconds
// since the page started loading) and data-timings (how long the data, the layout and the
// drawing took); window.corridorGraphView gives tests the renderer and each
// node's position on screen.
import Graph from 'graphology';
import Sigma from 'sigma';

import { layOut } from './layout.js';
import { indexItems, initialFilters, timelineOf, visibleItems } from './filters.js';
import { find, searchIndex } from './search.js';
import { setUpFilters, setUpSearch } from './controls.js';

const STATED_EDGE = '#c8c8c8';
const COOCCURRENCE_EDGE = '#c4b5fd';

/** The entities of `data` as the nodes of a graphology graph, without edges yet. */
function toGraph(data) {
  const graph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: true });
  const maxRank = data.nodes.reduce((m, n) => Math.max(m, n.pagerank), 0) || 1;
  const colors = new Map(data.types.map((t) => [t.name, t.color]));
  const small = data.nodes.length > 2000;
  for (const n of data.nodes) {
    graph.addNode(n.id, {
      label: n.label,
      kind: n.type,
      color: colors.get(n.type) ?? '#888',
      size: (small ? 1.5 : 3) + (small ? 12 : 17) * Math.sqrt(n.pagerank / maxRank),
    });
  }
  return graph;
}

function addEdge(graph, e) {
  if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) return;
  const cooc = e.layer === 'cooccurrence';
  const attributes = {
    relation: e.kind,
    weight: e.weight,
    size: Math.min(6, 0.6 + Math.log2(e.weight) * 0.6),
    color: cooc ? COOCCURRENCE_EDGE : STATED_EDGE,
    type: e.directed ? 'arrow' : 'line',
  };
  if (e.directed) graph.addDirectedEdgeWithKey(e.id, e.source, e.target, attributes);
  else graph.addUndirectedEdgeWithKey(e.id, e.source, e.target, attributes);
}

function counter(visible) {
  const el = document.getElementById('visible-count');
  el.textContent = `${visible.nodes.size} entities, ${visible.edges.size} relations shown`;
  el.dataset.nodes = String(visible.nodes.size);
  el.dataset.edges = String(visible.edges.size);
}

async function main(view) {
  const response = await fetch(view.dataset.src, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${view.dataset.src}: HTTP ${response.status}`);
  const data = await response.json();
  const fetched = performance.now();

  // The layout follows the stated relations alone; the co-occurrence layer is drawn over it.
  const graph = toGraph(data);
  for (const e of data.edges) if (e.layer === 'stated') addEdge(graph, e);
  layOut(graph, (node) => graph.getNodeAttribute(node, 'kind'));
  const laidOut = performance.now();
  for (const e of data.edges) if (e.layer === 'cooccurrence') addEdge(graph, e);

  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const timeline = timelineOf(data);
  const filters = initialFilters(data, timeline);
  const items = indexItems(data);
  let visible = visibleItems(items, filters);
  let focused = null;

  const big = graph.order > 5000;
  const renderer = new Sigma(graph, document.getElementById('sigma'), {
    zIndex: true,
    hideEdgesOnMove: big,
    labelRenderedSizeThreshold: big ? 10 : 6,
    labelFont: "system-ui, 'Noto Sans CJK SC', sans-serif",
    nodeReducer: (node, d) => {
      if (!visible.nodes.has(node)) return { ...d, hidden: true };
      if (node === focused) return { ...d, highlighted: true, forceLabel: true, zIndex: 2 };
      return d;
    },
    edgeReducer: (edge, d) => (visible.edges.has(edge) ? d : { ...d, hidden: true }),
  });

  const hover = document.getElementById('hover');
  const describe = (id) => {
    const n = byId.get(id);
    const en = n.label_en ? ` · ${n.label_en}` : '';
    return `${n.label}${en} (${n.type}, ${n.degree} relations)`;
  };
  renderer.on('enterNode', ({ node }) => {
    hover.textContent = describe(node);
    view.style.cursor = 'pointer';
  });
  renderer.on('leaveNode', () => {
    hover.textContent = focused ? describe(focused) : '';
    view.style.cursor = '';
  });
  renderer.on('clickNode', ({ node }) => {
    window.location.assign(byId.get(node).url);
  });

  const changed = () => {
    visible = visibleItems(items, filters);
    counter(visible);
    renderer.refresh();
  };
  setUpFilters(data, timeline, filters, changed);

  const rank = new Map(data.nodes.map((n) => [n.id, n.pagerank]));
  const index = searchIndex(data);
  setUpSearch(
    (query) => find(index, rank, query),
    (id) => describe(id),
    (id) => {
      focused = id;
      hover.textContent = visible.nodes.has(id)
        ? describe(id)
        : `${describe(id)}: hidden by the filters`;
      renderer.refresh();
      const d = renderer.getNodeDisplayData(id);
      if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: 0.25 }, { duration: 400 });
    },
  );

  counter(visible);
  window.corridorGraphView = {
    renderer,
    graph,
    /** Where node `id` is drawn, in pixels from the drawing's top left corner. */
    position(id) {
      const d = renderer.getNodeDisplayData(id);
      return d ? renderer.framedGraphToViewport(d) : null;
    },
  };
  const drawn = performance.now();
  view.dataset.loadMs = String(Math.round(drawn));
  view.dataset.timings = `data ${Math.round(fetched)} ms, layout ${Math.round(laidOut - fetched)} ms, `
    + `drawing ${Math.round(drawn - laidOut)} ms`;
  view.dataset.ready = 'true';
}

const view = document.getElementById('graph-view');
if (view) {
  main(view).catch((error) => {
    document.getElementById('visible-count').textContent = `The graph could not be drawn: ${error.message}`;
    view.dataset.ready = 'error';
  });
}
