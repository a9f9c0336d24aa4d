import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Journey } from '$lib/graphql/types.js';
import JourneyMap from './journey-map.svelte';
import { emotionDocument, emotionOf } from './emotion.js';
import { journeyMapSvg } from './journey-map-svg.js';
import { neighbourPosition } from './lanes.js';

const tp = (id: string, name: string, channel: string) => ({ id, key: `resort.${id}`, name, channel, type: 'INTERACTION' as const, mode: 'ONLINE' as const, ownerTeam: 'Guest services', monthlyCost: 100, facts: {} });
const journey: Journey = {
  id: 'j1', name: 'Resort stay', description: null,
  stages: [
    { id: 's1', name: 'Consideration', position: 0, touchpoints: [tp('web', 'Resort website', 'web'), tp('chat', 'Website chat', 'chat'), tp('book', 'Booking engine', 'web')] },
    { id: 's2', name: 'Stay', position: 1, touchpoints: [tp('desk', 'Front desk & <check-in>', 'front_desk'), tp('app', 'Guest app', 'web')] },
  ],
};
const emotion = emotionOf(journey, { sentiment0: { value: 0.4, sampleSize: 80 }, csat0: { value: 86, sampleSize: 60 }, sentiment1: { value: -0.2, sampleSize: 90 }, csat1: { value: 64, sampleSize: 70 } });

describe('journey map', () => {
  it('lays touchpoints out by stage column and channel lane, marking pain points', () => {
    render(JourneyMap, { journey, emotion, painTouchpoints: new Set(['desk']), canEdit: false });
    const map = screen.getByRole('table', { name: 'Journey map of Resort stay' });
    expect(within(map).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual(['Channel', 'Consideration', 'Stay pain point']);
    const webLane = within(map).getByRole('rowheader', { name: 'web' }).parentElement;
    expect(webLane?.textContent).toContain('Resort website');
    expect(webLane?.textContent).toContain('Guest app');
    expect(screen.getAllByText('pain point')).toHaveLength(2);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('gives an admin controls to reorder, move and add touchpoints', () => {
    render(JourneyMap, { journey, emotion, painTouchpoints: new Set<string>(), canEdit: true });
    const disabled = (name: string) => screen.getByRole('button', { name }).hasAttribute('disabled');
    // Up/down move within the lane cell (same stage and channel), where the order shows.
    expect([disabled('Move Resort website up'), disabled('Move Resort website down')]).toEqual([true, false]);
    expect([disabled('Move Booking engine up'), disabled('Move Booking engine down')]).toEqual([false, true]);
    expect([disabled('Move Website chat up'), disabled('Move Website chat down')]).toEqual([true, true]);
    expect(screen.getByLabelText('Stage of Guest app')).toBeTruthy();
    expect(screen.getByText('+ Add', { selector: '[aria-label="Add a touchpoint to Stay"]' })).toBeTruthy();
  });

  it('asks for sentiment and CSAT per stage and exports a well-formed, escaped SVG', () => {
    expect(emotionDocument(journey).document).toContain('csat1: kpi(metric: CSAT, scope: $s1, window: $window)');
    expect(emotion.map((e) => e.pain)).toEqual([false, true]);
    const svg = journeyMapSvg(journey, emotion, new Set(['desk']));
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(svg).toContain('Front desk &amp; &lt;check-in&gt;');
    expect(doc.querySelectorAll('circle')).toHaveLength(2);
  });

  it('reorders by taking the stage position of the neighbour in the same lane', () => {
    // Consideration is [web, chat, book]: book's lane neighbour above is web, at stage position 0.
    expect(neighbourPosition(journey, 'book', 'up')).toBe(0);
    expect(neighbourPosition(journey, 'web', 'down')).toBe(2);
    expect(neighbourPosition(journey, 'web', 'up')).toBeNull();
    expect(neighbourPosition(journey, 'chat', 'down')).toBeNull();
    expect(neighbourPosition(journey, 'missing', 'up')).toBeNull();
  });
});
