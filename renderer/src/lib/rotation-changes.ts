/**
 * Lists of rotations (History, the report export's choices) follow the backend: the console state
 * it pushes (`rotation:updated`, the stream the console store mirrors) tells when a rotation opens,
 * closes or finishes and when a command starts or ends; the list is read again then, never on a timer.
 */
import type { RendererApi } from '../../../shared/ipc/contract.js';
import type { ConsoleState } from '../../../shared/rotation/types.js';

/**
 * What of the pushed state a rotation list shows: the open rotation, whether it is finished, how
 * many commands it ran and which one runs. Output lines leave it as it is (no read per line).
 */
export function listKey(state: ConsoleState): string {
  const r = state.rotation;
  return JSON.stringify([
    r?.rotationId ?? null,
    r?.finished ?? null,
    r?.commands.length ?? 0,
    state.running?.runId ?? null,
  ]);
}

/**
 * Call `refresh` each time the backend reports a change a rotation list shows, from `current` (the
 * state the list was read in). One refresh at a time: the changes reported while one is under way
 * are taken by a single refresh after it. Returns the function that stops it (on leaving the screen).
 */
export function refreshOnRotationChange(
  api: RendererApi,
  current: ConsoleState,
  refresh: () => Promise<void>,
): () => void {
  let key = listKey(current);
  let busy = false;
  let again = false;
  let stopped = false;
  async function run(): Promise<void> {
    busy = true;
    try {
      do {
        again = false;
        await refresh();
      } while (again && !stopped);
    } finally {
      busy = false;
    }
  }
  const off = api.on('rotation:updated', (state) => {
    const next = listKey(state);
    if (next === key) return;
    key = next;
    if (busy) again = true;
    else void run();
  });
  return () => {
    stopped = true;
    off();
  };
}
