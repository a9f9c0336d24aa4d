import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import KpiTile from './kpi-tile.svelte';
import type { TileData } from './kpi-batch.js';

const series = [
  { bucketStart: '2026-09-01T00:00:00.000Z', value: 30, sampleSize: 40 },
  { bucketStart: '2026-09-08T00:00:00.000Z', value: 34, sampleSize: 42 },
];

describe('KpiTile', () => {
  it('shows the value, the sample size and a favourable trend against the previous period', () => {
    const tile: TileData = { metric: 'NPS', current: { metric: 'NPS', value: 34.2, sampleSize: 1204 }, previous: { metric: 'NPS', value: 30, sampleSize: 900 }, series };
    render(KpiTile, { tile });
    const article = screen.getByRole('article', { name: 'NPS' });
    expect(article.textContent).toContain('34.2');
    expect(article.textContent).toContain('+4.2 pts');
    expect(article.textContent).toContain('n = 1,204');
    expect(article.querySelector('.trend')?.classList.contains('good')).toBe(true);
  });

  it('treats a rising customer effort score as a worsening', () => {
    const tile: TileData = { metric: 'CES', current: { metric: 'CES', value: 3.5, sampleSize: 10 }, previous: { metric: 'CES', value: 3, sampleSize: 10 }, series: [] };
    render(KpiTile, { tile });
    expect(screen.getByRole('article', { name: 'CES' }).querySelector('.trend')?.classList.contains('bad')).toBe(true);
  });

  it('shows a dash, never zero, when there is no data', () => {
    const tile: TileData = { metric: 'CSAT', current: { metric: 'CSAT', value: null, sampleSize: 0 }, previous: { metric: 'CSAT', value: null, sampleSize: 0 }, series: [] };
    render(KpiTile, { tile });
    expect(screen.getByTestId('kpi-value').textContent).toBe('—');
    expect(screen.getByText('no previous data')).toBeTruthy();
  });
});
