/**
 * The analysis screen with realistic captures, through the UI: files added with the file input
 * (or pasted), the stated command chosen, the findings shown with evidence at file:line, the
 * register reading, clear refusals for unusable input, adoption gated on the review.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import AnalysisScreen from '../../../renderer/src/lib/analysis/AnalysisScreen.svelte';
import { ConsoleStore } from '../../../renderer/src/lib/console-store.svelte.js';
import { setupMessages } from '../console/setup.js';
import { captureCases, fakeBackend } from './backend-bridge.mjs';

beforeAll(setupMessages);
afterEach(() => locale.set('en'));

const cases = captureCases();

function mount(listing: string[] | null = null) {
  const backend = fakeBackend(listing);
  const oncontinue = vi.fn();
  const view = render(AnalysisScreen, {
    api: backend.api,
    store: new ConsoleStore(backend.api),
    live: false,
    oncontinue,
  });
  return { ...backend, oncontinue, view };
}

async function addFiles(files: File[]): Promise<void> {
  const input = screen.getByTestId('analysis-files') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  await fireEvent.change(input);
}

async function analyse(): Promise<HTMLElement> {
  await fireEvent.click(screen.getByTestId('analysis-run'));
  await waitFor(() => expect(screen.getByTestId('analysis-screen').dataset.step).toBe('idle'));
  return screen.getByTestId('analysis-screen');
}

/** Each quoted evidence line as the screen shows it: where (file:line) and the text. */
function evidenceItems(): { where: string | undefined; text: string | undefined }[] {
  return [...screen.getByTestId('advisor-evidence').querySelectorAll('li')].map((li) => ({
    where: li.querySelector('.where')?.textContent ?? undefined,
    text: li.querySelector('code')?.textContent ?? undefined,
  }));
}

const fileOf = (input: { name: string; bytes: Uint8Array }) =>
  new File([input.bytes as Uint8Array<ArrayBuffer>], input.name);

describe('AnalysisScreen with realistic captures', () => {
  for (const c of cases) {
    it(`${c.name}: shows ${c.expected.phase} with its evidence lines`, async () => {
      mount(c.registers);
      await addFiles(c.files.map(fileOf));
      await fireEvent.change(screen.getByTestId('analysis-command'), { target: { value: c.expected.command } });
      const root = await analyse();
      expect(root.dataset.phase).toBe(c.expected.phase);
      const shown = evidenceItems();
      for (const e of c.expected.evidence)
        expect(shown).toContainEqual({
          where: e.line > 0 ? `${e.file}:${e.line}` : e.file,
          text: expect.stringContaining(e.contains),
        });
      if (c.expected.forbids.includes('ibmcloud tke auto-mk-rotate'))
        expect(screen.getByTestId('forbidden-auto-mk-rotate')).toBeTruthy();
      if (!c.expected.registers) return;
      await fireEvent.click(screen.getByTestId('analysis-read-registers'));
      await waitFor(() => expect(root.dataset.phase).toBe(c.expected.registers?.phase));
      expect(screen.getByTestId('analysis-unit-1')).toBeTruthy();
    });
  }

  it('analyses pasted text, citing it as “pasted output”', async () => {
    mount();
    const text = new TextDecoder().decode(cases.find((c) => c.name === 'auto-m1-piped')?.files[0]?.bytes);
    await fireEvent.input(screen.getByTestId('analysis-paste'), { target: { value: text } });
    const root = await analyse();
    expect(root.dataset.phase).toBe('rewrap-interrupted');
    expect(evidenceItems()).toContainEqual({
      where: 'pasted output:14',
      text: 'Delaying 30 seconds to allow server to discover new master key values',
    });
    expect(screen.getByTestId('advisor-phase').textContent).toBe('Re-encryption interrupted');
  });

  it('refuses empty input before reading, and binary or non-UTF-8 files with clear messages (also in Japanese)', async () => {
    const { calls } = mount();
    await analyse();
    expect(screen.getByTestId('analysis-problems').textContent).toContain('Nothing to analyse');
    expect(calls.filter((c) => c.channel === 'analysis:classify')).toEqual([]);
    await addFiles([
      new File([new Uint8Array(Array.from({ length: 2048 }, (_, i) => (i * 37) % 32))], 'core.dump'),
      new File([new Uint8Array([0x46, 0x41, 0x49, 0x4c, ...Array.from({ length: 64 }, () => 0x82)])], 'sjis.log'),
    ]);
    await analyse();
    const problems = screen.getByTestId('analysis-problems');
    expect(problems.querySelector('[data-code="binary"]')?.textContent).toContain('core.dump is a binary file');
    expect(problems.querySelector('[data-code="not-text"]')?.textContent).toContain('Shift_JIS');
    await locale.set('ja');
    await waitFor(() => expect(screen.getByTestId('analysis-problems').textContent).toContain('バイナリファイル'));
  });

  it('adopts only the phase shown, and continues only after the review is confirmed', async () => {
    const c = cases.find((x) => x.name === 'auto-m1-powershell-utf16');
    const { imported, oncontinue } = mount(c?.registers ?? null);
    await addFiles((c?.files ?? []).map(fileOf));
    await analyse();
    await fireEvent.click(screen.getByTestId('analysis-adopt'));
    await waitFor(() => expect(screen.getByTestId('analysis-adopted')).toBeTruthy());
    expect(imported[0]?.files[0]).toMatchObject({
      name: 'tke-rotation.txt',
      encoding: 'utf-16le',
      format: 'powershell',
    });
    const confirm = screen.getByTestId('analysis-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('analysis-reviewed'));
    expect(confirm.disabled).toBe(false);
    await fireEvent.click(confirm);
    await waitFor(() => expect(oncontinue).toHaveBeenCalledTimes(1));
  });
});
