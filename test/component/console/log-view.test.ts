import { render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import LogLine from '../../../renderer/src/lib/console/LogLine.svelte';
import LogView from '../../../renderer/src/lib/console/LogView.svelte';
import { commandsBefore, isFailedLine, logLineOf, milestoneOf } from '../../../renderer/src/lib/console/commands.js';
import { FAILED, M1_DELAY, M2_REWRAP, ROTATION_COMPLETED } from '../../../shared/tke/messages.js';
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
    // Line 1 is the command line: the log shows it as the separator above the command's first line.
    expect(logLineOf('journal#9 ibmcloud tke cryptounit-mk-rotate', 1, seqs)).toBe(4);
    expect(logLineOf('journal#9 ibmcloud tke cryptounit-mk-rotate', 0, seqs)).toBeNull();
    expect(logLineOf('journal#14 registers', 3, seqs)).toBeNull();
  });
});

describe('FAILED lines and command separators', () => {
  it('recognises the FAILED line the classifier recognises, and not a line that only mentions failing', () => {
    expect(isFailedLine(FAILED)).toBe(true);
    expect(isFailedLine(`${FAILED}  `)).toBe(true);
    expect(isFailedLine('Initial state check failed for crypto unit 2')).toBe(false);
    expect(isFailedLine('OK')).toBe(false);
    expect(milestoneOf(FAILED)).toBeNull();
  });

  it('puts each command before the first line journaled after it', () => {
    const seqs = [3, 4, 5, 10, 11, 0];
    const commands = [
      { seq: 2, command: 'ibmcloud tke auto-mk-rotate' },
      { seq: 8, command: 'ibmcloud tke cryptounit-mk' },
      { seq: 9, command: 'ibmcloud tke cryptounit-mk-setimm' },
    ];
    expect(commandsBefore(0, seqs, commands)).toEqual(['ibmcloud tke auto-mk-rotate']);
    expect(commandsBefore(1, seqs, commands)).toEqual([]);
    // A command with no output of its own is shown too, before the next one's.
    expect(commandsBefore(3, seqs, commands)).toEqual([
      'ibmcloud tke cryptounit-mk',
      'ibmcloud tke cryptounit-mk-setimm',
    ]);
    expect(commandsBefore(5, seqs, commands)).toEqual([]);
    expect(commandsBefore(6, seqs, commands)).toEqual([]);
  });

  it('shows the FAILED line marked and the separator above its line', () => {
    render(LogLine, { text: FAILED, number: 7, commands: ['ibmcloud tke auto-mk-rotate'] });
    const row = document.querySelector<HTMLElement>('[data-line="7"]');
    expect(row?.dataset.outcome).toBe('failed');
    expect(row?.classList.contains('failed')).toBe(true);
    expect(row?.textContent).toContain('FAILED: the command failed');
    const separator = document.querySelector<HTMLElement>('[data-testid="log-command"]');
    expect(separator?.textContent?.replace(/\s+/g, ' ').trim()).toBe('$ ibmcloud tke auto-mk-rotate');
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
