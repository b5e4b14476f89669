// Dates of the graph as months: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` become month numbers
// (year × 12 + month − 1), a year spanning its twelve months, so that the timeline can compare
// dates of any precision.

/** The first month a date covers, or null for no date. */
export function firstMonth(date) {
  if (!date) return null;
  const [y, m] = date.split('-').map(Number);
  return y * 12 + (m ? m - 1 : 0);
}

/** The last month a date covers, or null for no date. */
export function lastMonth(date) {
  if (!date) return null;
  const [y, m] = date.split('-').map(Number);
  return y * 12 + (m ? m - 1 : 11);
}

/** The months from `first` to `last` (either may be absent: the other stands for both). */
export function span(first, last) {
  const a = firstMonth(first ?? last);
  const b = lastMonth(last ?? first);
  return a === null ? null : [a, b];
}

/** A month number as `YYYY-MM`. */
export function monthLabel(month) {
  const y = Math.floor(month / 12);
  const m = (month % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}
