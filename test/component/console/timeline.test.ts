import { render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import StepTimeline from '../../../renderer/src/lib/console/StepTimeline.svelte';
import { initialTimeline, transition, type Timeline } from '../../../shared/rotation/timeline.js';
import { M1_DELAY } from '../../../shared/tke/messages.js';
import { setupMessages } from './setup.js';

beforeAll(setupMessages);

function step(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-step="${id}"]`);
  if (!el) throw new Error(`no step ${id}`);
  return el;
}

describe('StepTimeline', () => {
  it('shows every documented step pending, in order, with text (not colour alone)', () => {
    render(StepTimeline, { timeline: initialTimeline('auto') });
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.dataset.step)).toEqual([
      'precheck',
      'generate',
      'copy',
      'commit',
      'delay',
      'rewrap',
      'promote',
      'done',
    ]);
    expect(within(step('commit')).getByText('pending')).toBeTruthy();
  });

  it("shows the key-part flow's own steps: load and commit instead of generate, copy and the delay", () => {
    render(StepTimeline, { timeline: initialTimeline('keyparts') });
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.dataset.step)).toEqual(['precheck', 'load', 'commit', 'rewrap', 'promote', 'done']);
    expect(step('load').textContent).toContain('Load the master key parts');
    expect(step('rewrap').dataset.state).toBe('pending');
  });

  it('moves through load, commit and re-encryption as the key-part commands run', () => {
    let t: Timeline = transition(initialTimeline('keyparts'), {
      kind: 'command-started',
      argv: ['tke', 'cryptounit-mk-load'],
      at: 1,
    });
    t = transition(t, { kind: 'command-finished', exitCode: 0 });
    t = transition(t, { kind: 'command-started', argv: ['tke', 'cryptounit-mk-commit'], at: 2 });
    expect(t.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
      'precheck:done',
      'load:done',
      'commit:running',
      'rewrap:pending',
      'promote:pending',
      'done:pending',
    ]);
    t = transition(t, { kind: 'command-started', argv: ['tke', 'cryptounit-mk-rotate'], at: 3 });
    expect(t.steps.find((s) => s.id === 'rewrap')?.state).toBe('running');
  });

  it('counts the discovery delay down from the step start, then says it is waiting', () => {
    let t: Timeline = transition(initialTimeline('auto'), {
      kind: 'command-started',
      argv: ['tke', 'auto-mk-rotate'],
      at: 1_000,
    });
    t = transition(t, { kind: 'line', text: M1_DELAY, at: 10_000 });
    const { unmount } = render(StepTimeline, { timeline: t, now: () => 22_500 });
    expect(step('delay').dataset.state).toBe('running');
    expect(step('delay').getAttribute('aria-current')).toBe('step');
    expect(step('commit').dataset.state).toBe('done');
    expect(screen.getByTestId('delay-countdown').textContent).toContain('18 s left');
    unmount();
    render(StepTimeline, { timeline: t, now: () => 45_000 });
    expect(screen.getByTestId('delay-countdown').textContent).toContain('waiting for the server');
  });

  it('shows re-encryption progress and a failed step', () => {
    let t: Timeline = transition(initialTimeline('auto'), {
      kind: 'command-started',
      argv: ['tke', 'auto-mk-rotate'],
      at: 0,
    });
    t = transition(t, { kind: 'line', text: 'Re-encrypted 150 of 300 keys', at: 1 });
    t = transition(t, { kind: 'command-finished', exitCode: 1 });
    render(StepTimeline, { timeline: t });
    expect(step('rewrap').dataset.state).toBe('failed');
    expect(step('rewrap').textContent).toContain('failed');
    expect(step('rewrap').textContent).toContain('150 of 300 keys');
    expect(step('rewrap').querySelector('progress')?.getAttribute('value')).toBe('150');
  });
});
