/** What the classifier must say after each simulator fault point of auto-mk-rotate: phase and first next command. */
export const FAULT_EXPECTATIONS: [fault: string, phase: string, first: string][] = [
  ['auth', 'auth-expired', 'ibmcloud login'],
  ['after-generate', 'failed-before-new-key', 'ibmcloud tke auto-mk-rotate'],
  ['after-copy', 'failed-before-new-key', 'ibmcloud tke auto-mk-rotate'],
  ['after-commit', 'failed-before-new-key', 'ibmcloud tke auto-mk-rotate'],
  ['after-m1', 'rewrap-interrupted', 'ibmcloud tke cryptounit-mk-rotate'],
  ['mid-rewrap', 'rewrap-interrupted', 'ibmcloud tke cryptounit-mk-rotate'],
  ['after-m2', 'rewrap-complete', 'ibmcloud tke cryptounit-mk-setimm'],
  ['mid-setimm', 'partially-promoted', 'ibmcloud tke cryptounit-rm'],
];
