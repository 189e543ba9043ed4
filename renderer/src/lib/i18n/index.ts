/** UI languages: English and Japanese, switchable at runtime (svelte-i18n). */
import { addMessages, init, locale } from 'svelte-i18n';
import { MESSAGES } from './messages.js';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ja', label: '日本語' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'mkra.language';

function stored(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'ja' ? value : null;
  } catch {
    return null;
  }
}

/** Register both catalogues and pick the saved language, else the browser's. */
export function setupI18n(): void {
  addMessages('en', MESSAGES.en);
  addMessages('ja', MESSAGES.ja);
  const preferred = stored() ?? (navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en');
  init({ fallbackLocale: 'en', initialLocale: preferred });
  document.documentElement.lang = preferred;
}

/** Switch the UI language now and remember the choice (only the language code is stored). */
export function setLanguage(code: Language): void {
  void locale.set(code);
  document.documentElement.lang = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // storage may be unavailable; the switch still applies for this session
  }
}
