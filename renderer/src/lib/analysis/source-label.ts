/** The label a cited source is shown under: the analysis' fixed names in the UI language, a file's name as it is. */
import { APP_READING_NAME, PASTE_NAME } from '../../../../shared/analysis/sources.js';

export function sourceLabel(name: string, t: (key: string) => string): string {
  if (name === PASTE_NAME) return t('analysis.source.pasted');
  if (name === APP_READING_NAME) return t('analysis.source.appReading');
  return name;
}
