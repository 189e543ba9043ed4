import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import PromptDialog from '../../../renderer/src/lib/console/PromptDialog.svelte';
import { setupMessages } from './setup.js';

beforeAll(setupMessages);

const passwordPrompt = {
  kind: 'password',
  text: 'Enter the password for the signature key identified by:',
  detail: ['admin1 (3a5f…)'],
  secret: true,
};

describe('PromptDialog', () => {
  it('sends a password once as a secret, clears the field, and never puts it in the DOM as text', async () => {
    const onanswer = vi.fn(async () => true);
    render(PromptDialog, {
      command: 'ibmcloud tke auto-mk-rotate',
      prompt: passwordPrompt,
      onanswer,
      onclose: () => undefined,
    });
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-labelledby')).toBe('prompt-title');
    expect(dialog.textContent).toContain('admin1 (3a5f…)');
    const input = screen.getByLabelText('Password') as HTMLInputElement;
    expect(input.type).toBe('password');
    expect(input.getAttribute('autocomplete')).toBe('off');
    await fireEvent.input(input, { target: { value: 's3cret-pass' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onanswer).toHaveBeenCalledWith('s3cret-pass', true);
    expect(input.value).toBe('');
    expect(document.body.innerHTML).not.toContain('s3cret-pass');
  });

  it('answers a y/N confirmation with Yes and No buttons', async () => {
    const onanswer = vi.fn(async () => true);
    render(PromptDialog, {
      command: 'ibmcloud tke cryptounit-mk-setimm',
      prompt: { kind: 'confirm', text: 'Do you want to continue? (y/N)', detail: [], secret: false },
      onanswer,
      onclose: () => undefined,
    });
    await fireEvent.click(screen.getByRole('button', { name: 'No' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(onanswer.mock.calls).toEqual([
      ['n', false],
      ['y', false],
    ]);
  });

  it('prefills the units to deselect in a partial promotion and explains why', async () => {
    const onanswer = vi.fn(async () => true);
    render(PromptDialog, {
      command: 'ibmcloud tke cryptounit-rm',
      prompt: {
        kind: 'units',
        text: 'Enter the CRYPTO UNIT NUM values to remove, separated by spaces:',
        detail: [],
        secret: false,
      },
      unitsToDeselect: [1, 3],
      onanswer,
      onclose: () => undefined,
    });
    expect((screen.getByLabelText('Answer') as HTMLInputElement).value).toBe('1 3');
    expect(screen.getByTestId('deselect-explain').textContent).toContain('1, 3');
    await fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onanswer).toHaveBeenCalledWith('1 3', false);
  });

  it('Escape closes the dialog without answering (the command keeps waiting)', async () => {
    const onanswer = vi.fn(async () => true);
    const onclose = vi.fn();
    render(PromptDialog, { command: 'ibmcloud tke auto-mk-rotate', prompt: passwordPrompt, onanswer, onclose });
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledOnce();
    expect(onanswer).not.toHaveBeenCalled();
  });
});
