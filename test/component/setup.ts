// Testing Library waits 1 s by default for findBy*/waitFor: on a busy shared machine a screen that
// classifies or signs for real may take longer. Waits end as soon as their condition holds, so a long
// limit costs nothing when the machine is idle (speed is measured by npm run bench, never here).
import { configure } from '@testing-library/svelte';

configure({ asyncUtilTimeout: 60_000 });

// jsdom has no layout: the virtual list only needs a resize observer and scrollTo to exist. They are
// set here, once per file, rather than stubbed (stubbed globals are restored after each test, and the
// list observes asynchronously, after its test may have ended).
globalThis.ResizeObserver ??= class ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};
Element.prototype.scrollTo ??= function scrollTo(): void {};
