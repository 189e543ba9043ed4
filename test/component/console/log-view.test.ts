import { render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import LogLine from '../../../renderer/src/lib/console/LogLine.svelte';
import LogView from '../../../renderer/src/lib/console/LogView.svelte';
import { logLineOf, milestoneOf } from '../../../renderer/src/lib/console/commands.js';
import { M1_DELAY, M2_REWRAP, ROTATION_COMPLETED } from '../../../shared/tke/messages.js';
import { setupMessages } from './setup.js';

beforeAll(async () => {
  await setupMessages();
});

describe('log milestones and positions', () => {
  it('recognises M1, M2 and completion, with variants, and nothing else', () => {
    expect(milestoneOf(`${M1_DELAY}.`)).toBe('M1');
    expect(milestoneOf(M2_REWRAP)).toBe('M2');
    expect(milestoneOf('MKS CRK rewrap successful, waiting on cryptounit-mk-setimm.')).toBe('M2');
    expect(milestoneOf(ROTATION_COMPLETED)).toBe('completed');
    expect(milestoneOf('Re-encrypted 10 of 300 keys')).toBeNull();
  });

  it('maps an evidence position (journal#seq command, line) to the 1-based log line', () => {
    // Log lines 1-3 belong to the command started at entry 2, lines 4-6 to the one started at entry 9.
    const seqs = [3, 4, 5, 10, 11, 12];
    expect(logLineOf('journal#9 ibmcloud tke cryptounit-mk-rotate', 2, seqs)).toBe(4);
    expect(logLineOf('journal#9 ibmcloud tke cryptounit-mk-rotate', 4, seqs)).toBe(6);
    expect(logLineOf('journal#2 ibmcloud tke auto-mk-rotate', 3, seqs)).toBe(2);
    expect(logLineOf('journal#9 ibmcloud tke cryptounit-mk-rotate', 1, seqs)).toBeNull();
    expect(logLineOf('journal#14 registers', 3, seqs)).toBeNull();
  });
});

describe('LogLine', () => {
  it('numbers the line and labels a milestone', () => {
    render(LogLine, { text: M1_DELAY, number: 42 });
    const row = document.querySelector<HTMLElement>('[data-line="42"]');
    expect(row?.dataset.milestone).toBe('M1');
    expect(row?.textContent).toContain('42');
    expect(row?.textContent).toContain('M1: new key placed');
  });

  it('labels M2 and completion, and leaves ordinary lines plain', () => {
    render(LogLine, { text: M2_REWRAP, number: 1 });
    render(LogLine, { text: ROTATION_COMPLETED, number: 2 });
    render(LogLine, { text: 'OK', number: 3, highlighted: true });
    expect(document.querySelector<HTMLElement>('[data-line="1"]')?.textContent).toContain(
      'M2: key storage re-encrypted',
    );
    expect(document.querySelector<HTMLElement>('[data-line="2"]')?.textContent).toContain('Rotation completed');
    const plain = document.querySelector<HTMLElement>('[data-line="3"]');
    expect(plain?.dataset.milestone).toBeUndefined();
    expect(plain?.classList.contains('highlighted')).toBe(true);
  });
});

describe('LogView', () => {
  it('renders a 100 000-line log as a focusable log region without mounting every line', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i + 1}`);
    render(LogView, { lines, count: lines.length });
    const region = document.querySelector('[role="log"]');
    expect(region?.getAttribute('tabindex')).toBe('0');
    expect(document.querySelectorAll('[data-line]').length).toBeLessThan(200);
    expect(document.body.textContent).toContain('100,000 lines');
  });
});
