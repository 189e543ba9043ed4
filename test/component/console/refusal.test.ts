import { render } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';
import RefusalText from '../../../renderer/src/lib/components/RefusalText.svelte';
import { FORBIDDEN_REASONS } from '../../../shared/classifier/forbidden.js';
import { setupMessages } from './setup.js';

beforeAll(setupMessages);

const message = `ibmcloud tke auto-mk-rotate is refused: ${FORBIDDEN_REASONS.autoAfterM1}`;

describe('RefusalText', () => {
  it("says a forbidden command in Japanese with its danger, and keeps the backend's English behind a disclosure", async () => {
    await locale.set('ja');
    const { container } = render(RefusalText, {
      message,
      reason: { kind: 'forbidden', command: 'ibmcloud tke auto-mk-rotate' },
    });
    const said = container.querySelector('.message')?.textContent ?? '';
    expect(said).toContain('安全インターロックにより拒否されました');
    expect(said).toContain('鍵ストレージ');
    expect(container.querySelector('details [lang="en"]')?.textContent).toBe(message);
    await locale.set('en');
  });

  it('gives the danger of the reason the message quotes, not of the command in general', async () => {
    await locale.set('ja');
    const refused = `ibmcloud tke auto-mk-rotate is refused: ${FORBIDDEN_REASONS.unsupported}`;
    const { container } = render(RefusalText, {
      message: refused,
      reason: { kind: 'forbidden', command: 'ibmcloud tke auto-mk-rotate' },
    });
    const said = container.querySelector('.message')?.textContent ?? '';
    expect(said).toContain('再実行しても再び拒否されます');
    expect(said).not.toContain('置き換えてしまい');
    await locale.set('en');
  });

  it('says a second start as a start under way, never as a TKE command running', () => {
    const { container } = render(RefusalText, {
      message: 'A rotation is already being started.',
      reason: { kind: 'busy', command: 'start' },
    });
    const said = container.querySelector('.message')?.textContent ?? '';
    expect(said).toContain('A rotation is being started');
    expect(said).not.toContain('TKE command is running');
  });

  it("shows the backend's message as English when there is no reason to translate", () => {
    const { container } = render(RefusalText, { message: 'Disk full.' });
    expect(container.querySelector('[lang="en"]')?.textContent).toBe('Disk full.');
    expect(container.querySelector('details')).toBeNull();
  });
});
