// Finding an entity by name: its label, English label, aliases or id.

/** Lower-case names of each node, computed once: [[id, [names…]], …]. */
export function searchIndex(data) {
  return data.nodes.map((n) => [
    n.id,
    [n.label, n.label_en, n.id, ...(n.aliases ?? [])].filter(Boolean).map((s) => s.toLowerCase()),
  ]);
}

/**
 * Up to `limit` ids of nodes a name of which contains `query` (case ignored): exact names
 * first, then names starting with it, then the rest, each group by PageRank.
 */
export function find(index, rank, query, limit = 8) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits = [];
  for (const [id, names] of index) {
    let best = 3;
    for (const name of names) {
      if (name === q) best = 0;
      else if (best > 1 && name.startsWith(q)) best = 1;
      else if (best > 2 && name.includes(q)) best = 2;
    }
    if (best < 3) hits.push([best, -(rank.get(id) ?? 0), id]);
  }
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1));
  return hits.slice(0, limit).map((h) => h[2]);
}
