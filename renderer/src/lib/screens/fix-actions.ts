/**
 * Fix commands the app can run itself: only commands that change no register or key storage
 * (the backend refuses mutating commands outside a rotation anyway) and that the TKE plug-in
 * and the simulator both implement.
 */
const RUNNABLE: Record<string, string[]> = {
  'ibmcloud login': ['login'],
  'ibmcloud tke cryptounit-rm': ['tke', 'cryptounit-rm'],
  'ibmcloud tke cryptounit-add': ['tke', 'cryptounit-add'],
  'ibmcloud tke sigkey-sel': ['tke', 'sigkey-sel'],
  'ibmcloud tke cryptounit-compare': ['tke', 'cryptounit-compare'],
};

/** The argv to run a fix command in the app, or null when it must be run by hand. */
export function runnableArgv(command: string): string[] | null {
  return RUNNABLE[command.trim()] ?? null;
}
