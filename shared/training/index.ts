/** Training mode, pure parts: scenario file format, the exam's command catalogue, scoring. */
export * from './choices.js';
export { JsonPositionError, lineOf, parseJsonWithPositions, pathKey, type JsonValue, type PositionedJson } from './json-positions.js';
export { formatProblem, parseScenarioText, type ScenarioParse, type ScenarioProblem } from './parse-scenario.js';
export { SCENARIO_FORMAT, scenarioSchema, type TrainingScenario } from './scenario-schema.js';
export * from './scoring.js';
export * from './view.js';
