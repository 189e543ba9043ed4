// Testing Library waits 1 s by default for findBy*/waitFor: on a busy shared machine a screen that
// classifies or signs for real may take longer. Waits end as soon as their condition holds, so a long
// limit costs nothing when the machine is idle (speed is measured by npm run bench, never here).
import { configure } from '@testing-library/svelte';

configure({ asyncUtilTimeout: 60_000 });
