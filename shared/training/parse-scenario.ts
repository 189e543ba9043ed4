/** Reads a scenario file's text: syntax and schema problems come back with the line they are on. */
import { JsonPositionError, lineOf, parseJsonWithPositions } from './json-positions.js';
import { scenarioSchema, type TrainingScenario } from './scenario-schema.js';

/** One problem in a scenario file, at a 1-based line. */
export interface ScenarioProblem {
  file: string;
  line: number;
  message: string;
}

export type ScenarioParse = { ok: true; scenario: TrainingScenario } | { ok: false; problems: ScenarioProblem[] };

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'the file' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Parse and validate one scenario file. */
export function parseScenarioText(file: string, text: string): ScenarioParse {
  let parsed;
  try {
    parsed = parseJsonWithPositions(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof JsonPositionError) return { ok: false, problems: [{ file, line: error.line, message: error.message }] };
    throw error;
  }
  const result = scenarioSchema.safeParse(parsed.value);
  if (result.success) return { ok: true, scenario: result.data };
  const problems = result.error.issues.map((issue) => {
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
    const message = issue.code === 'unrecognized_keys' ? `unknown field (${issue.keys.join(', ')})` : issue.message;
    return { file, line: lineOf(parsed.lines, path), message: `${describePath(path)}: ${message}` };
  });
  return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
}

/** `file:line: message`, the form shown to instructors and printed in logs. */
export function formatProblem(problem: ScenarioProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
