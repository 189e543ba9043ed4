/**
 * "Rehearse on a twin first" on the Plan screen, through the UI over the real rehearsal handlers:
 * pick a twin file, tick fault points (crash or fail), rehearse, and read per fault what following
 * the advisor did; a twin of another instance is refused with the reason.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import RehearseTwin from '../../../renderer/src/lib/components/RehearseTwin.svelte';
import { ConsoleStore } from '../../../renderer/src/lib/console-store.svelte.js';
import { FAULT_POINTS } from '../../../shared/sim/faults.js';
import { setupMessages } from './setup.js';
import { captureTwin, twinBackend } from './twin-bridge.mjs';

beforeAll(setupMessages);

async function pickFile(text: string): Promise<void> {
  const input = screen.getByTestId('twin-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File([text], 'twin.json')], configurable: true });
  await fireEvent.change(input);
}

describe('RehearseTwin', () => {
  it('rehearses the ticked faults as crashes and shows each one recovered, with the commands followed', async () => {
    const twin = await captureTwin('older-firmware');
    const backend = twinBackend();
    const store = new ConsoleStore(backend.api);
    render(RehearseTwin, { api: backend.api, store, instanceId: twin.instanceId });
    const button = screen.getByTestId('twin-rehearse') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await pickFile(twin.text);
    // Every fault point is ticked at first: narrow it down to two.
    const boxes = screen.getAllByRole('checkbox').filter((b) => (b as HTMLInputElement).value !== 'on');
    expect(boxes.filter((b) => (b as HTMLInputElement).checked).map((b) => (b as HTMLInputElement).value)).toEqual([
      ...FAULT_POINTS,
    ]);
    for (const b of boxes) {
      const value = (b as HTMLInputElement).value;
      if ((b as HTMLInputElement).checked && value !== 'after-m1' && value !== 'mid-rewrap') await fireEvent.click(b);
    }
    await fireEvent.click(screen.getByTestId('twin-crash'));
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    const result = await waitFor(() => screen.getByTestId('twin-result'), { timeout: 60_000 });
    const request = backend.calls.find((c) => c.channel === 'twin:rehearse')?.request as { faults: string[] };
    expect(request.faults).toEqual(['after-m1:crash', 'mid-rewrap:crash']);
    const rows = [...result.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-fault'));
    expect(rows).toEqual(['after-m1:crash', 'mid-rewrap:crash']);
    expect(result.textContent).toContain('Recovered from 2 of 2 faults; 0 keys lost.');
    expect(result.querySelector('tbody tr')?.textContent).toContain('ibmcloud tke');
    expect(result.textContent).toContain(backend.store.last?.twinSha256.slice(0, 16));
  }, 90_000);

  it('shows the pre-checks that fail on the twin, with their fixes, above the faults', async () => {
    const twin = await captureTwin('new-mk-not-empty');
    const backend = twinBackend();
    const store = new ConsoleStore(backend.api);
    render(RehearseTwin, { api: backend.api, store, instanceId: twin.instanceId });
    await pickFile(twin.text);
    await fireEvent.click(screen.getByTestId('twin-rehearse'));
    const prechecks = await waitFor(() => screen.getByTestId('twin-prechecks'), { timeout: 60_000 });
    expect(prechecks.getAttribute('data-failed')).toBe('1');
    expect(prechecks.textContent).toContain('1 pre-check(s) did not pass on the twin');
    expect(prechecks.querySelector('[data-testid="check-new-mk"]')?.getAttribute('data-status')).toBe('fail');
    expect(prechecks.querySelector('[data-testid="fix-new-mk"]')?.textContent).toContain(
      'ibmcloud tke cryptounit-mk-clrnew',
    );
  }, 90_000);

  it('captures a twin in the app with read-only commands and rehearses on it, with no file to pick', async () => {
    const backend = twinBackend('older-firmware');
    const { instanceId } = await captureTwin('older-firmware');
    const store = new ConsoleStore(backend.api);
    render(RehearseTwin, { api: backend.api, store, instanceId });
    expect((screen.getByTestId('twin-rehearse') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('twin-capture'));
    const captured = await waitFor(() => screen.getByTestId('twin-captured'), { timeout: 60_000 });
    expect(captured.textContent).toMatch(/Captured twin-\d{8}-\d{6}\.json: 1 instance\(s\), 4 crypto unit\(s\)/);
    // Only read-only commands were asked of the runner: the capture goes through twin:capture alone.
    expect(backend.calls.map((c) => c.channel)).toEqual(['twin:capture']);
    const rehearseButton = screen.getByTestId('twin-rehearse') as HTMLButtonElement;
    await waitFor(() => expect(rehearseButton.disabled).toBe(false));
    for (const b of screen.getAllByRole('checkbox')) {
      if ((b as HTMLInputElement).checked && (b as HTMLInputElement).value !== 'after-m1') await fireEvent.click(b);
    }
    await fireEvent.click(rehearseButton);
    const result = await waitFor(() => screen.getByTestId('twin-result'), { timeout: 60_000 });
    expect(result.textContent).toContain('Recovered from 1 of 1 faults; 0 keys lost.');
  }, 120_000);

  it('says why a twin of another instance cannot be rehearsed, and shows no result', async () => {
    const twin = await captureTwin('default');
    const backend = twinBackend();
    const store = new ConsoleStore(backend.api);
    render(RehearseTwin, { api: backend.api, store, instanceId: 'not-in-the-twin' });
    await pickFile(twin.text);
    await fireEvent.click(screen.getByTestId('twin-rehearse'));
    const messages = () => store.notices.map((n) => n.message).join(' ');
    await waitFor(() => expect(messages()).toContain('does not hold instance not-in-the-twin'));
    expect(screen.queryByTestId('twin-result')).toBeNull();
  }, 60_000);
});
