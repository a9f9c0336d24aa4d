import type { ResolvedPathname } from '$app/types';
import type { CsvCell } from '$lib/export/csv.js';

export interface Column<R> {
  label: string;
  value: (row: R) => CsvCell;
  format?: (row: R) => string;
  /** Link target of the cell (null: plain text in that row); build it with `resolve()` from `$app/paths`. */
  href?: (row: R) => ResolvedPathname | null;
  numeric?: boolean;
}
