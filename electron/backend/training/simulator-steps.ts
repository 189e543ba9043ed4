/** What a training run reads from and does on its in-memory simulator besides running commands. */
import { statusOf, type MemorySim } from '../../../shared/sim/index.js';
import { privateEndpoint } from '../../../shared/sim/endpoint.js';
import { ADMIN_ADD } from '../../../shared/classifier/commands.js';
import type { RegistersView, TrainingChoice } from '../../../shared/training/index.js';
import type { JournalEntryInput } from '../journal/index.js';

/** The registers of every crypto unit, as the run's view shows them. */
export function simRegisters(sim: MemorySim): RegistersView {
  return statusOf(sim.state, [], [], sim.now()).units.map(({ num, type, current, new: next, selected }) => ({ num, type, current, new: next, selected }));
}

/** The lines of an in-process run's transcript (without the empty piece after the last newline). */
export function transcriptLines(transcript: string): string[] {
  const lines = transcript.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * A step taken outside the simulator's CLI, carried out on its workstation; returns the advice's
 * command it counts as fixing, or null.
 */
export async function outsideStep(sim: MemorySim, c: TrainingChoice, append: (input: JournalEntryInput) => Promise<unknown>): Promise<string | null> {
  if (c.id === 'signservkeys-edit') {
    // The administrator edits SIGNSERVKEYS: it lists, without tokens (asked at each use, as IBM
    // recommends), the signing service's keys that are installed administrators of the crypto units.
    const installed = new Set(sim.state.instances.flatMap((i) => i.units.flatMap((u) => u.admins.map((a) => a.ski))));
    const keys = (sim.state.signingService?.keys ?? []).filter((k) => installed.has(k.ski)).map((k) => ({ key: k.name }));
    await sim.ws.writeSignServKeys(JSON.stringify(keys));
    await append({ kind: 'decision', data: { what: `training: SIGNSERVKEYS now lists ${keys.length} key(s): ${keys.map((k) => k.key).join(', ')}` } });
    // It carries out the administrators' fix the advisor gives under cryptounit-admin-add.
    return ADMIN_ADD;
  }
  if (c.id === 'private-endpoint') {
    // The shell step, done: every later command of this run goes through the region's private endpoint.
    sim.privateAddr = privateEndpoint(sim.state.session.region);
    return c.typed;
  }
  return null;
}
