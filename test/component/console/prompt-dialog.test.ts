import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import PromptDialog from '../../../renderer/src/lib/console/PromptDialog.svelte';
import { setupMessages } from './setup.js';
import { ROTATE_PRECHECK_CONFIRM, SETIMM_CONFIRM } from '../../../shared/tke/messages.js';
import { FAILOVER_SCREEN } from '../../../shared/tke/catalogue-screens.js';

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

  describe('the recommended answer at a y/N prompt, from which prompt it is', () => {
    const confirm = (text: string) => ({ kind: 'confirm', text, detail: [], secret: false });
    const shown = () => screen.getByTestId('prompt-recommend');

    it('recommends Yes to the pre-check, saying what it checks, and makes Yes the primary button', () => {
      render(PromptDialog, {
        command: 'ibmcloud tke cryptounit-mk-rotate',
        prompt: confirm(ROTATE_PRECHECK_CONFIRM),
        onanswer: vi.fn(async () => true),
        onclose: () => undefined,
      });
      expect(shown().dataset.answer).toBe('y');
      expect(shown().textContent).toContain('Recommended answer: Yes');
      expect(shown().textContent).toContain('before anything changes');
      expect(screen.getByRole('button', { name: 'Yes' }).classList.contains('primary')).toBe(true);
      expect(screen.getByRole('button', { name: 'No' }).classList.contains('primary')).toBe(false);
    });

    it('recommends Yes to setimm only where the app read and checked the registers first', () => {
      render(PromptDialog, {
        command: 'ibmcloud tke cryptounit-mk-setimm',
        prompt: confirm(SETIMM_CONFIRM),
        phase: 'rewrap-complete',
        onanswer: vi.fn(async () => true),
        onclose: () => undefined,
      });
      expect(shown().dataset.answer).toBe('y');
      expect(shown().textContent).toContain('read the registers');
    });

    it('recommends nothing to setimm without that reading, and says what each answer does', () => {
      render(PromptDialog, {
        command: 'ibmcloud tke cryptounit-mk-setimm',
        prompt: confirm(SETIMM_CONFIRM),
        phase: 'rewrap-interrupted',
        onanswer: vi.fn(async () => true),
        onclose: () => undefined,
      });
      expect(shown().dataset.answer).toBe('none');
      expect(shown().textContent).toContain('No answer is recommended');
      expect(shown().textContent).toContain('unusable');
      expect(screen.getByRole('button', { name: 'Yes' }).classList.contains('primary')).toBe(false);
    });

    it('explains the failover question without recommending, in Japanese too', async () => {
      const { locale } = await import('svelte-i18n');
      await locale.set('ja');
      try {
        render(PromptDialog, {
          command: 'ibmcloud tke failover-enable',
          prompt: confirm(FAILOVER_SCREEN.confirm.text),
          onanswer: vi.fn(async () => true),
          onclose: () => undefined,
        });
        expect(shown().dataset.answer).toBe('none');
        expect(shown().textContent).toContain('フェイルオーバー暗号装置');
      } finally {
        await locale.set('en');
      }
    });

    it('shows no recommendation for a question the app does not know', () => {
      render(PromptDialog, {
        command: 'ibmcloud tke cryptounit-mk-setimm',
        prompt: confirm('Proceed anyway? (y/N)'),
        onanswer: vi.fn(async () => true),
        onclose: () => undefined,
      });
      expect(screen.queryByTestId('prompt-recommend')).toBeNull();
    });
  });
});
