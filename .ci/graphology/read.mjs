// Reads a GEXF or GraphML file with graphology (as Gephi Lite and sigma.js do) and prints what
// it holds as JSON: the graph's type, its order and size, every node and edge attribute name
// with the JavaScript types of its values, and the number of undirected edges.
//   node read.mjs gexf|graphml FILE
import { readFileSync } from 'node:fs';
import Graph from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';

const [format, file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const graph = format === 'gexf'
  ? gexf.parse(Graph, text, { allowUndeclaredAttributes: false })
  : graphml.parse(Graph, text);

// Attribute name → the set of `typeof` of its values.
function typesOf(each) {
  const types = {};
  each((attributes) => {
    for (const [name, value] of Object.entries(attributes)) {
      (types[name] ??= new Set()).add(value === null ? 'null' : typeof value);
    }
  });
  return Object.fromEntries(Object.entries(types).map(([k, v]) => [k, [...v].sort()]));
}

let undirected = 0;
graph.forEachEdge((_e, _a, _s, _t, _sa, _ta, isUndirected) => { if (isUndirected) undirected += 1; });
console.log(JSON.stringify({
  type: graph.type,
  multi: graph.multi,
  order: graph.order,
  size: graph.size,
  undirected,
  nodeAttributes: typesOf((f) => graph.forEachNode((_n, a) => f(a))),
  edgeAttributes: typesOf((f) => graph.forEachEdge((_e, a) => f(a))),
}));
