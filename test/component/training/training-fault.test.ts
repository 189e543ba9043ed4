import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import TrainingFault from '../../../renderer/src/lib/console/TrainingFault.svelte';
import { setupMessages } from '../console/setup.js';

beforeAll(setupMessages);

describe('the demo console’s fault control', () => {
  it('shows the fault the backend holds, so a consumed one is no longer announced', async () => {
    render(TrainingFault, { busy: false, onset: vi.fn(), onload: () => Promise.resolve('mid-rewrap:crash') });
    await waitFor(() => expect(screen.getByTestId('training-armed').textContent).toContain('will crash at mid-rewrap'));
    render(TrainingFault, { busy: false, onset: vi.fn(), onload: () => Promise.resolve(null) });
    await waitFor(() => expect(screen.getAllByTestId('training-armed')[1]?.getAttribute('data-fault')).toBe(''));
  });

  it('arms a failure or a crash, again and again', async () => {
    const onset = vi.fn((fault: string | null) => Promise.resolve(fault));
    render(TrainingFault, { busy: false, onset, onload: () => Promise.resolve(null) });
    const point = screen.getByLabelText('Fail at');
    await fireEvent.change(point, { target: { value: 'after-m1' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onset).toHaveBeenLastCalledWith('after-m1');
    await waitFor(() => expect(screen.getByTestId('training-armed').textContent).toContain('will fail at after-m1'));
    await fireEvent.change(point, { target: { value: 'mid-rewrap' } });
    await fireEvent.click(screen.getByTestId('training-crash'));
    await fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onset).toHaveBeenLastCalledWith('mid-rewrap:crash');
    await waitFor(() => expect(screen.getByTestId('training-armed').textContent).toContain('will crash at mid-rewrap'));
    // No fault: nothing is announced.
    await fireEvent.change(point, { target: { value: '' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onset).toHaveBeenLastCalledWith(null);
    await waitFor(() => expect(screen.getByTestId('training-armed').textContent?.trim()).toBe(''));
  });
});
