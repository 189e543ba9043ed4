/** The scenario library: the shipped folder plus an optional instructor folder (MKRA_TRAINING_DIR). */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseScenarioText, type ScenarioProblem, type TrainingScenario } from '../../../shared/training/index.js';
import { projectRoot } from '../package-info.js';

/** The scenarios shipped with the app. */
export const SHIPPED_SCENARIOS_DIR = join(projectRoot, 'training', 'scenarios');
const MAX_FILE_BYTES = 64 * 1024;

export interface LoadedScenario {
  scenario: TrainingScenario;
  source: 'shipped' | 'instructor';
  file: string;
  /** 1-based place in the library: an exam's only name for the scenario before the answer. */
  place: number;
}

export interface ScenarioLibrary {
  scenarios: LoadedScenario[];
  problems: ScenarioProblem[];
}

async function loadDir(dir: string, source: LoadedScenario['source'], into: ScenarioLibrary): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (source === 'instructor') into.problems.push({ file: dir, line: 0, message: `the instructor folder cannot be read (${code ?? 'error'})` });
    return;
  }
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    if (bytes.length > MAX_FILE_BYTES) {
      into.problems.push({ file: name, line: 0, message: `file is larger than ${MAX_FILE_BYTES} bytes` });
      continue;
    }
    const parsed = parseScenarioText(name, bytes.toString('utf8'));
    if (!parsed.ok) {
      into.problems.push(...parsed.problems);
      continue;
    }
    const clash = into.scenarios.find((s) => s.scenario.id === parsed.scenario.id);
    if (clash) {
      const line = bytes.toString('utf8').split('\n').findIndex((l) => l.includes('"id"')) + 1;
      into.problems.push({ file: name, line: Math.max(1, line), message: `id: "${parsed.scenario.id}" is already used by ${clash.file}` });
      continue;
    }
    into.scenarios.push({ scenario: parsed.scenario, source, file: name, place: into.scenarios.length + 1 });
  }
}

/** Load every valid scenario; invalid files are reported with their problems and left out. */
export async function loadScenarioLibrary(options: { shippedDir?: string; instructorDir?: string | null } = {}): Promise<ScenarioLibrary> {
  const library: ScenarioLibrary = { scenarios: [], problems: [] };
  await loadDir(options.shippedDir ?? SHIPPED_SCENARIOS_DIR, 'shipped', library);
  if (options.instructorDir) await loadDir(options.instructorDir, 'instructor', library);
  return library;
}
