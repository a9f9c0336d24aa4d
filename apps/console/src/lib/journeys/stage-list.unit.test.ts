import { describe, expect, it } from 'vitest';
import { editedStages, parseStageEdit, stagePatch, stageRows } from './stage-list.js';

const rows = stageRows(['s1', 's2', 's3'], ['Awareness', ' Purchase ', 'Retention']);

describe('journey stage list edits', () => {
  it('reads the posted rows, trimming names', () => {
    expect(rows).toEqual([{ id: 's1', name: 'Awareness' }, { id: 's2', name: 'Purchase' }, { id: 's3', name: 'Retention' }]);
  });

  it('moves a stage up or down, and does nothing past either end', () => {
    expect(editedStages(rows, parseStageEdit('up:1'), '').map((r) => r.id)).toEqual(['s2', 's1', 's3']);
    expect(editedStages(rows, parseStageEdit('down:1'), '').map((r) => r.id)).toEqual(['s1', 's3', 's2']);
    expect(editedStages(rows, parseStageEdit('up:0'), '').map((r) => r.id)).toEqual(['s1', 's2', 's3']);
    expect(editedStages(rows, parseStageEdit('down:2'), '').map((r) => r.id)).toEqual(['s1', 's2', 's3']);
  });

  it('removes a stage, appends a typed new one, and sends ids only for existing stages', () => {
    const edited = editedStages(rows, parseStageEdit('remove:0'), '  Advocacy ');
    expect(stagePatch(edited)).toEqual([{ id: 's2', name: 'Purchase' }, { id: 's3', name: 'Retention' }, { name: 'Advocacy' }]);
    expect(parseStageEdit('save')).toEqual({ kind: 'save' });
    expect(parseStageEdit('remove:x')).toEqual({ kind: 'save' });
  });
});
