import { registerGuardCore } from '@/lib/guard/core';

// The page guard's core, injected on demand into a frame's isolated world by the background
// ('guard/load-core' → scripting.executeScript), where the always-on content script builds it
// (lib/guard/start.ts). See lib/guard/pre-guard.ts for what runs until then.
export default defineUnlistedScript(() => {
  registerGuardCore();
});
