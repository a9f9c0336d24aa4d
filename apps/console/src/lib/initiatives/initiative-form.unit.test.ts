import { describe, expect, it } from 'vitest';
import { readInitiativeForm } from './initiative-form.js';

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

const filled = { name: ' Lobby kiosks ', description: '', startDate: '2026-10-01', endDate: '', cost: '4000', touchpointIds: ['t1', 't2', 't1'] };

describe('readInitiativeForm', () => {
  it('reads the whole initiative: days as UTC midnights, blanks as cleared, touchpoints once each', () => {
    expect(readInitiativeForm(form(filled))).toEqual({
      ok: true,
      values: { name: 'Lobby kiosks', description: null, startDate: '2026-10-01T00:00:00.000Z', endDate: null, cost: 4000, touchpointIds: ['t1', 't2'] },
    });
    const ended = readInitiativeForm(form({ ...filled, description: 'Self check-in', endDate: '2026-12-31' }));
    expect(ended.ok && [ended.values.description, ended.values.endDate]).toEqual(['Self check-in', '2026-12-31T00:00:00.000Z']);
  });

  it('refuses a form without a name, start date or touchpoint, or with a cost that is not positive', () => {
    const needed = { ok: false, error: 'Name, start date and at least one touchpoint are needed.' };
    expect(readInitiativeForm(form({ ...filled, name: '  ' }))).toEqual(needed);
    expect(readInitiativeForm(form({ ...filled, startDate: '' }))).toEqual(needed);
    expect(readInitiativeForm(form({ ...filled, touchpointIds: [] }))).toEqual(needed);
    for (const cost of ['0', '-5', 'abc', '']) {
      expect(readInitiativeForm(form({ ...filled, cost }))).toEqual({ ok: false, error: 'Cost must be a positive amount.' });
    }
  });
});
