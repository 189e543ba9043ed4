// Types for eslint-rules/layer-map.js, for the tests that check every tracked file has one layer.
export interface Layer {
  name: string;
  files: RegExp;
  imports: string[];
  typeImports?: string[];
  packages: string[] | '*';
  builtins: boolean;
}
export const LAYERS: Layer[];
export function layersOf(path: string): Layer[];
export function pathAllowed(entries: string[], target: string): boolean;
export function packageName(specifier: string): string;
