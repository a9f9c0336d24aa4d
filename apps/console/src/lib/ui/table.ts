import type { CsvCell } from '$lib/export/csv.js';

export interface Column<R> {
  label: string;
  value: (row: R) => CsvCell;
  format?: (row: R) => string;
  href?: (row: R) => string;
  numeric?: boolean;
}
