import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import FilterBar from './filter-bar.svelte';

const filters = { from: '2026-09-01', to: '2026-11-29', journeyId: null, channel: null };

describe('dashboard filter bar', () => {
  it('is a labelled GET form that submits itself on change once hydrated (no Apply button left)', async () => {
    render(FilterBar, { filters, journeys: [{ id: 'j1', name: 'Resort stay' }], channels: ['front_desk', 'web'] });
    const form = screen.getByRole('form', { name: 'Dashboard filters' });
    expect(form.getAttribute('method')).toBe('GET');
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
    expect(screen.getByRole('option', { name: 'front desk' })).toBeTruthy();
    const submit = vi.spyOn(HTMLFormElement.prototype, 'requestSubmit').mockImplementation(() => undefined);
    await fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'web' } });
    expect(submit).toHaveBeenCalledTimes(1);
    submit.mockRestore();
  });
});
