// The controls beside the drawing: the legend with a checkbox per entity type, a checkbox per
// relation, the timeline (two sliders over the months the dates cover), the undated and
// co-occurrence switches, and the search box with its results. Every change calls `changed`.
import { monthLabel } from './dates.js';

const byId = (id) => document.getElementById(id);

/** A `<label>` holding a checkbox (checked if `on`) and `parts` (nodes or text). */
function checkbox(name, value, on, parts, onToggle) {
  const label = document.createElement('label');
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.name = name;
  input.value = value;
  input.checked = on;
  input.addEventListener('change', () => onToggle(input.checked));
  label.append(input, ...parts);
  return label;
}

function swatch(color) {
  const s = document.createElement('span');
  s.className = 'swatch';
  s.style.backgroundColor = color;
  return s;
}

/** Fills the type and relation fieldsets and wires every filter to `filters` and `changed`. */
export function setUpFilters(data, timeline, filters, changed) {
  const types = byId('types');
  for (const t of data.types) {
    types.append(checkbox('type', t.name, true, [swatch(t.color), `${t.name} (${t.count})`], (on) => {
      if (on) filters.types.add(t.name);
      else filters.types.delete(t.name);
      changed();
    }));
  }
  const relations = byId('relations');
  for (const r of data.relations.filter((x) => x.layer === 'stated')) {
    const arrow = r.directed ? ' →' : ' —';
    relations.append(checkbox('relation', r.name, true, [`${r.name}${arrow} (${r.count})`], (on) => {
      if (on) filters.relations.add(r.name);
      else filters.relations.delete(r.name);
      changed();
    }));
  }
  const cooc = byId('cooccurrence');
  const coocCount = data.relations.find((r) => r.layer === 'cooccurrence')?.count ?? 0;
  cooc.checked = filters.cooccurrence;
  cooc.disabled = coocCount === 0;
  cooc.parentElement.append(` (${coocCount})`);
  cooc.addEventListener('change', () => {
    filters.cooccurrence = cooc.checked;
    changed();
  });
  const undated = byId('undated');
  undated.checked = filters.undated;
  undated.addEventListener('change', () => {
    filters.undated = undated.checked;
    changed();
  });
  setUpTimeline(timeline, filters, changed);
}

function setUpTimeline(timeline, filters, changed) {
  const from = byId('date-from');
  const to = byId('date-to');
  const out = byId('date-range');
  if (!timeline) {
    from.disabled = true;
    to.disabled = true;
    out.textContent = 'nothing is dated';
    return;
  }
  for (const input of [from, to]) {
    input.min = String(timeline[0]);
    input.max = String(timeline[1]);
  }
  from.value = String(filters.from);
  to.value = String(filters.to);
  const show = () => {
    out.textContent = `${monthLabel(filters.from)} to ${monthLabel(filters.to)}`;
  };
  show();
  const moved = (which) => {
    filters.from = Number(from.value);
    filters.to = Number(to.value);
    // The two ends never cross: the one not moved gives way.
    if (filters.from > filters.to) {
      if (which === from) filters.to = filters.from;
      else filters.from = filters.to;
      from.value = String(filters.from);
      to.value = String(filters.to);
    }
    show();
    changed();
  };
  from.addEventListener('input', () => moved(from));
  to.addEventListener('input', () => moved(to));
}

/** Wires the search box: results as buttons while typing, Enter for the first; `pick` shows one. */
export function setUpSearch(findIds, labelOf, pick) {
  const box = byId('search');
  const list = byId('search-results');
  let ids = [];
  const show = () => {
    ids = findIds(box.value);
    list.replaceChildren(...ids.map((id) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = labelOf(id);
      b.dataset.id = id;
      b.addEventListener('click', () => pick(id));
      li.append(b);
      return li;
    }));
  };
  box.addEventListener('input', show);
  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    show();
    if (ids.length) pick(ids[0]);
  });
}
