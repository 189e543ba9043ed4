/**
 * The advice's argv travels unchanged: the classifier gives it, the advisor shows it as typed and hands
 * back the same words, and the console sends exactly those words to the backend, marked as advised.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import RecoveryAdvisor from '../../../renderer/src/lib/console/RecoveryAdvisor.svelte';
import { ConsoleActions } from '../../../renderer/src/lib/console/console-actions.svelte.js';
import {
  firstArgvOf,
  KNOWN_TKE_COMMANDS,
  shownCommand,
  subcommandOf,
} from '../../../renderer/src/lib/console/commands.js';
import type { ConsoleStore } from '../../../renderer/src/lib/console-store.svelte.js';
import type { RendererApi } from '../../../shared/ipc/contract.js';
import { MENU_COMMANDS } from '../../../shared/tke/commands.js';
import type { Classification } from '../../../shared/classifier/types.js';
import { classification, setupMessages } from './setup.js';

beforeAll(setupMessages);

/** An advice whose argv no typed command would give back (a word with a space, flags). */
const ODD: Classification = {
  ...classification({ phase: 'rewrap-complete' }),
  next: [
    {
      command: 'ibmcloud tke cryptounit-mk-setimm',
      why: 'M2 was printed: promote the new master key now.',
      argv: ['tke', 'cryptounit-mk-setimm', '--flag', 'two words'],
    },
  ],
};

describe('advice as argv, end to end in the renderer', () => {
  it('the advisor shows the argv as typed and hands back the very same words', async () => {
    const onrun = vi.fn();
    render(RecoveryAdvisor, { classification: ODD, onrun });
    const next = screen.getByTestId('advisor-next');
    expect(next.textContent).toContain('ibmcloud tke cryptounit-mk-setimm --flag two words');
    await fireEvent.click(next);
    expect(onrun).toHaveBeenCalledTimes(1);
    expect(onrun.mock.calls[0]?.[0]).toEqual(['tke', 'cryptounit-mk-setimm', '--flag', 'two words']);
  });

  it('the console sends the argv unchanged, advised, and a command picked from the menu as not advised', async () => {
    const invoke = vi.fn().mockResolvedValue({ ok: true, value: {} });
    const store = { call: <T>(p: Promise<T>) => p, running: null } as unknown as ConsoleStore;
    const actions = new ConsoleActions({ invoke } as unknown as RendererApi, store);
    const argv = ODD.next[0]?.argv ?? [];
    expect(await actions.run(argv, true)).toBe(true);
    expect(invoke).toHaveBeenLastCalledWith('rotation:run-command', {
      argv: ['tke', 'cryptounit-mk-setimm', '--flag', 'two words'],
      advised: true,
    });
    expect(await actions.run(['tke', 'cryptounits'])).toBe(true);
    expect(invoke).toHaveBeenLastCalledWith('rotation:run-command', { argv: ['tke', 'cryptounits'] });
  });

  it('keeps the backend refusal beside the button', async () => {
    const invoke = vi
      .fn()
      .mockResolvedValue({ ok: false, error: { message: 'ibmcloud tke x is not the advised command.' } });
    const actions = new ConsoleActions(
      { invoke } as unknown as RendererApi,
      { call: <T>(p: Promise<T>) => p, running: null } as unknown as ConsoleStore,
    );
    expect(await actions.run(['tke', 'x'], true)).toBe(false);
    expect(actions.refusal?.message).toBe('ibmcloud tke x is not the advised command.');
  });

  it('shows a step the app does not run as written, and names subcommands from the argv only', () => {
    expect(shownCommand({ command: 'TKE application: Rotate', argv: null })).toBe('TKE application: Rotate');
    expect(shownCommand({ command: 'ignored', argv: ['login'] })).toBe('ibmcloud login');
    expect(subcommandOf({ argv: ['tke', 'cryptounit-rm'] })).toBe('cryptounit-rm');
    expect(subcommandOf({ argv: ['login'] })).toBe('login');
    expect(subcommandOf({ argv: ['tke'] })).toBe('');
    expect(subcommandOf({ argv: [] })).toBe('');
    expect(subcommandOf({ argv: null })).toBe('');
    expect(firstArgvOf('auto')).toEqual(['tke', 'auto-mk-rotate']);
    expect(firstArgvOf('keyparts')).toEqual(['tke', 'cryptounit-mk-load']);
    expect(KNOWN_TKE_COMMANDS).toEqual(MENU_COMMANDS);
  });
});
