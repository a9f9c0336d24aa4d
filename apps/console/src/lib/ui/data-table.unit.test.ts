import { render, screen } from '@testing-library/svelte';
import { resolve } from '$app/paths';
import { describe, expect, it } from 'vitest';
import DataTable from './data-table.svelte';
import type { Column } from './table.js';

interface Row { name: string; revenue: number }
const columns: Column<Row>[] = [
  { label: 'Touchpoint', value: (r) => r.name, href: (r) => resolve(`/touchpoints/${r.name}`) },
  { label: 'Revenue', value: (r) => r.revenue, numeric: true },
];

describe('DataTable', () => {
  it('renders one row per item with links and a CSV export button', () => {
    render(DataTable<Row>, { caption: 'Revenue', rows: [{ name: 'Front desk', revenue: 1200 }, { name: 'Web, booking', revenue: 80 }], columns, filename: 'revenue' });
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('link', { name: 'Front desk' }).getAttribute('href')).toBe('/touchpoints/Front desk');
    expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(false);
  });

  it('says so when there are no rows and disables the export', () => {
    render(DataTable<Row>, { caption: 'Revenue', rows: [], columns, filename: 'revenue', empty: 'No revenue yet.' });
    expect(screen.getByText('No revenue yet.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(true);
  });
});
