// The journey details form posts its stage rows in order (ids and names) and the button pressed;
// this turns them into the list updateJourney takes. Pure, so it runs without the page script.

export interface StageRow {
  id: string | null;
  name: string;
}

export type StageEdit = { kind: 'save' } | { kind: 'up' | 'down' | 'remove'; index: number };

// "up:2", "down:0", "remove:1" or anything else (the Save button).
export function parseStageEdit(value: string): StageEdit {
  const match = /^(up|down|remove):(\d+)$/.exec(value);
  if (!match) return { kind: 'save' };
  return { kind: match[1] as 'up' | 'down' | 'remove', index: Number(match[2]) };
}

export function stageRows(ids: string[], names: string[]): StageRow[] {
  return names.map((name, index) => ({ id: ids[index] || null, name: name.trim() }));
}

// Applies the button, then appends the new stage if one was typed.
export function editedStages(rows: StageRow[], edit: StageEdit, newStage: string): StageRow[] {
  const list = [...rows];
  if (edit.kind === 'remove') list.splice(edit.index, 1);
  if (edit.kind === 'up' || edit.kind === 'down') {
    const other = edit.kind === 'up' ? edit.index - 1 : edit.index + 1;
    const [a, b] = [list[edit.index], list[other]];
    if (a && b) [list[edit.index], list[other]] = [b, a];
  }
  const added = newStage.trim();
  return added ? [...list, { id: null, name: added }] : list;
}

// The mutation's stage input: an id only for stages that exist.
export function stagePatch(rows: StageRow[]): { id?: string; name: string }[] {
  return rows.map((row) => (row.id ? { id: row.id, name: row.name } : { name: row.name }));
}
