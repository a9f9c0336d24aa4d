import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { ok } from '$lib/graphql/result.js';
import type { Role } from '$lib/graphql/types.js';
import Page from './+page.svelte';
import type { ActionData, PageData } from './$types.js';

const TOGGLE = 'Fast conversion-rate tile (costs ingestion speed)';

function data(role: Role, conversionPreaggregation: boolean): PageData {
  return {
    viewer: { role, workspace: { id: 'w1', name: 'Seaside Resort & Park' } },
    tokens: Promise.resolve(ok([])),
    workspace: Promise.resolve(ok({ id: 'w1', conversionPreaggregation, storeRawContacts: false })),
  };
}

describe('settings page: fast conversion-rate tile', () => {
  it('shows an admin the toggle in its current state, with its cost, posting to the conversion action', async () => {
    render(Page, { data: data('ADMIN', true), form: null });
    const toggle = await screen.findByRole('checkbox', { name: TOGGLE });
    expect(toggle).toHaveProperty('checked', true);
    expect(toggle.getAttribute('name')).toBe('enabled');
    expect(toggle.closest('form')?.getAttribute('action')).toBe('?/conversion');
    expect(document.getElementById(toggle.getAttribute('aria-describedby') ?? '')?.textContent).toContain('each ingested batch up to several times slower');
  });

  it('shows it off when the workspace does not keep the pre-aggregate', async () => {
    render(Page, { data: data('ADMIN', false), form: null });
    expect(await screen.findByRole('checkbox', { name: TOGGLE })).toHaveProperty('checked', false);
  });

  it('reports the outcome of the action in the workspace panel', async () => {
    const form: ActionData = { conversionError: 'The EXECUTIVE role may not use setConversionPreaggregation.' };
    render(Page, { data: data('ADMIN', false), form });
    await screen.findByRole('checkbox', { name: TOGGLE });
    expect(screen.getByRole('region', { name: 'Workspace' }).textContent).toContain('may not use setConversionPreaggregation');
  });

  it('shows no toggle to other roles', async () => {
    render(Page, { data: data('EXECUTIVE', false), form: null });
    await screen.findByText('No tokens yet.');
    expect(screen.queryByRole('checkbox', { name: TOGGLE })).toBeNull();
  });
});
