import { installGuardUi } from '@/lib/guard/ui/install';

// The page guard's UI, injected on demand into a frame's isolated world by the background
// ('guard/load-ui' → scripting.executeScript). See lib/guard/ui/install.ts.
export default defineUnlistedScript(() => {
  installGuardUi();
});
