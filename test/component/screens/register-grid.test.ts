import { render, screen, within } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';
import RegisterGrid from '../../../renderer/src/lib/components/RegisterGrid.svelte';
import { setupMessages, units, VP_A, VP_B } from './setup.js';

beforeAll(setupMessages);

function chip(row: number, column: 1 | 3): HTMLElement {
  const cells = within(screen.getByTestId(`register-row-${row}`)).getAllByRole('cell');
  const el = cells[column]?.querySelector<HTMLElement>('[data-vp-letter]');
  if (!el) throw new Error(`no chip in row ${row}, column ${column}`);
  return el;
}

describe('RegisterGrid', () => {
  it('gives equal VPs the same letter, hex text and colour, and says all units agree', () => {
    render(RegisterGrid, { units: units() });
    for (const row of [1, 2, 3, 4]) {
      expect(chip(row, 1).textContent).toContain('A');
      expect(chip(row, 1).textContent).toContain(VP_A.slice(0, 8));
      expect(chip(row, 1).className).toContain('c0');
    }
    expect(screen.getByTestId('register-note-current').dataset.mismatch).toBe('false');
    expect(screen.getByTestId('register-note-current').textContent).toContain(
      'All 4 units share the current VP A 6d382eef',
    );
    expect(screen.getByTestId('register-note-new').textContent).toContain('Every new register is Empty');
  });

  it("treats VPs that differ only in their last four bytes as one key (IBM's SDK compares 56 hex digits)", () => {
    const full = `${VP_A}${VP_A.slice(0, 24)}00000000`;
    const older = `${full.slice(0, 56)}1a2b3c4d`;
    const cur = (vp: string) => ({ current: { state: 'Valid' as const, vp } });
    render(RegisterGrid, { units: units({ 1: cur(full), 2: cur(full), 3: cur(full), 4: cur(older) }) });
    expect(chip(4, 1).textContent).toContain('A');
    expect(screen.getByTestId('register-note-current').dataset.mismatch).toBe('false');
  });

  it('shows a differing current VP by letter and text as well as colour, with a note naming the units', () => {
    render(RegisterGrid, { units: units({ 4: { current: { state: 'Valid', vp: VP_B } } }) });
    expect(chip(4, 1).dataset.vpLetter).toBe('B');
    expect(chip(4, 1).textContent).toContain(VP_B.slice(0, 8));
    expect(chip(4, 1).className).not.toBe(chip(1, 1).className);
    const note = screen.getByTestId('register-note-current');
    expect(note.dataset.mismatch).toBe('true');
    expect(note.textContent).toContain('Mismatch');
    expect(note.textContent).toContain('Units 1, 2, 3 share the current VP A 6d382eef');
    expect(note.textContent).toContain('unit 4 differs (B d907b8b6)');
  });

  it('labels a new register that holds the current VP with the same letter (partial promotion is visible)', () => {
    render(RegisterGrid, {
      units: units({
        1: { current: { state: 'Valid', vp: VP_B }, new: { state: 'Empty', vp: '' } },
        2: { new: { state: 'Full Committed', vp: VP_B } },
        3: { new: { state: 'Full Committed', vp: VP_B } },
        4: { new: { state: 'Full Committed', vp: VP_B } },
      }),
    });
    expect(chip(1, 1).dataset.vpLetter).toBe(chip(2, 3).dataset.vpLetter);
    expect(screen.getByTestId('register-row-2').textContent).toContain('Full Committed');
    expect(screen.getByTestId('register-note-new').textContent).toContain('unit 1 Empty');
  });

  it('uses proper table headers and translates states', async () => {
    await locale.set('ja');
    render(RegisterGrid, { units: units() });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent?.trim())).toContain('現行の状態');
    expect(screen.getAllByRole('rowheader')).toHaveLength(4);
    expect(screen.getByTestId('register-row-1').textContent).toContain('Valid（有効）');
    await locale.set('en');
  });
});
