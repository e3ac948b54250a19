import type { FrameStatus } from '../messaging/protocol';
import { runtimeId, send } from './ext';
import type { PageGuard } from './page-guard';
import { createPreGuard, type PreGuard } from './pre-guard';
import { createRelay, type EventRelay } from './relay';

/**
 * Content-script wiring of the page guard (called synchronously at document_start).
 *
 * Lifetime: ours, ended only when the extension context is really gone (update / uninstall):
 * a flag and an explicit stop() until the core is built, then an AbortController for the core's
 * parts (none is made in frames that never need the core). Not WXT's ctx.signal: WXT invalidates a ctx when a document event
 * named "<extension id>:content:wxt:content-script-started" arrives, and the page can
 * dispatch that event itself (the id is public) — it would switch the guard off.
 */

/**
 * The guard's core (lib/guard/page-guard.ts and what it arms: page identity, password reuse),
 * as guard-core.js registers it in this isolated world (entrypoints/guard-core.ts).
 */
export interface GuardCore {
  /** Builds the frame's guard on the always-on parts, with what it arms (page identity, password reuse). */
  build(ctx: CoreContext): PageGuard;
}

/** What the always-on script hands the core. */
export interface CoreContext {
  window: Window;
  relay: EventRelay;
  pre: PreGuard;
  /** Ends when the extension context is gone (update / uninstall). */
  signal: AbortSignal;
  /** Is the extension context still there? (false also ends `signal`) */
  alive(): boolean;
  /** QA build: where the verdict requests are logged (__shokenGuardLog). */
  log: string[];
}
/** Isolated-world global under which guard-core.js leaves the core. */
export const CORE = '__shokenGuardCore';

/** Isolated-world globals the background's commit-time push uses (lib/background/guard-push.ts). */
export const PUSHED = '__shokenGuardPushed';
export const RECEIVE = '__shokenGuardReceive';
/** The animation entrypoints/content/credential-watch.css runs on credential fields. */
export const CREDENTIAL_ANIMATION = 'shoken-guard-credential';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A request can be lost when the worker is stopped mid-flight: never wait longer for one answer. */
export const ATTEMPT_TIMEOUT_MS = 2000;
/** QA build: the verdict requests (and pushes) of this frame, and the core's injections. */
const log: string[] = [];
const coreLog: string[] = [];

export interface StartOptions {
  /**
   * The core bundled with this script (Firefox: no on-demand injection there). Chromium leaves
   * it out: it is injected into the frame when first needed ('guard/load-core').
   */
  core?: GuardCore;
  /**
   * Top frame (Chromium): isolated-world functions the background may call through
   * scripting.executeScript before the guard is built. Each gets a placeholder that builds the
   * guard — injecting the core first if need be; executeScript waits for the returned promise —
   * whose parts install the real function under the same name, and then calls it.
   */
  topGlobals?: string[];
}

/**
 * Content-script entry of the guard, called synchronously at document_start in every frame.
 *
 * What runs at load is deliberately small: the relay's first-registered listeners
 * (lib/guard/relay.ts), the push receiver, the credential-field animation listener and a
 * document.open() watch. The rest comes on first need:
 * - the pending interceptor (lib/guard/pre-guard.ts), built synchronously by the first relayed
 *   event, before that event is delivered: it holds credential input from the first key;
 * - the core (lib/guard/page-guard.ts with the form guard, page identity and password reuse),
 *   injected into this isolated world by the background ('guard/load-core' → guard-core.js) when
 *   a status is pushed (every frame that is not benign: lib/background/guard-push.ts), a
 *   credential field appears, the user interacts or credential input arrives, the background
 *   calls the top frame, or at once in frames webNavigation does not report (about:, data:,
 *   blob:). Until it is there, the interceptor holds what it must, as the guard's pending mode
 *   does until the verdict: the core then takes it over.
 * A frame of an ordinary page the user never touches builds neither, and never receives the core:
 * compiling the whole guard in every frame's fresh isolated world was most of what it cost every
 * page (and every KB still here is parsed in every frame: keep this script small).
 */
export function startPageGuard(opts: StartOptions = {}): { build(): PageGuard | undefined; relay: EventRelay } {
  // What runs here runs in every frame of every page: no AbortController, no abort listeners
  // until the guard is built (each cost every frame measurably: npm run bench -- page-cost).
  let life: AbortController | undefined;
  let dead = false;
  const stop = () => {
    if (dead) return;
    dead = true;
    relay.stop();
    window.removeEventListener('animationstart', onAnimation, { capture: true });
    docWatch.disconnect();
    life?.abort();
  };
  const alive = () => {
    try {
      if (runtimeId()) return true;
    } catch {
      /* context invalidated */
    }
    stop();
    return false;
  };
  const g = globalThis as Record<string, unknown>;
  const doc = document;
  let guard: PageGuard | undefined;
  // The first relayed event builds the pending interceptor before it is delivered.
  const relay = createRelay({ window, wake: () => void interceptor() });

  let pre: PreGuard | undefined;
  const interceptor = () => (pre ??= createPreGuard({ window, relay, need: () => void build() }));
  /** A status pushed before the core was there; eager frames ask as soon as it is. */
  let queued: FrameStatus | undefined;
  let eager = false;
  let loading: Promise<PageGuard> | undefined;
  const core = (): GuardCore | undefined => opts.core ?? (g[CORE] as GuardCore | undefined);

  /** Injects the core (retrying while the extension lives: a cold worker may miss the first asks). */
  function load(): Promise<PageGuard> {
    return (loading ??= (async () => {
      const delays = [0, 50, 150, 400, 1000, 2000, 3000];
      for (let i = 0; ; i++) {
        // The first ask goes out at once (a microtask later: `loading` is set by then).
        await (i === 0 ? undefined : sleep(delays[Math.min(i, delays.length - 1)]));
        if (!alive()) throw new Error('extension context gone');
        const made = build();
        if (made) return made;
        try {
          await Promise.race([send('guard/load-core', {}), sleep(ATTEMPT_TIMEOUT_MS)]);
        } catch {
          /* worker starting / message lost: retry */
        }
        if (__SHOKEN_TEST_MODE__) coreLog.push(`${Math.round(performance.now())} core ${core() ? 'loaded' : 'missing'} (attempt ${i})`);
        const ready = build();
        if (ready) return ready;
      }
    })());
  }

  /** The guard, built now if its core is in this world; otherwise undefined, and the core is on its way. */
  function build(): PageGuard | undefined {
    if (guard) return guard;
    const c = core();
    if (!c) {
      interceptor();
      void load().catch(() => {});
      return undefined;
    }
    const lifetime = (life = new AbortController());
    if (dead) lifetime.abort();
    const built = c.build({ window, relay, pre: interceptor(), signal: lifetime.signal, alive, log });
    guard = built;
    const status = queued;
    queued = undefined;
    try {
      if (status) built.apply(status);
      else if (eager) built.need();
    } catch {
      /* ignore */
    }
    return built;
  }

  // The verdict is not asked for at load (see lib/guard/page-guard.ts): the background pushes
  // every status that is not benign into this world when the frame commits. A push may land
  // before this script ran (kept in PUSHED) or after (delivered through RECEIVE).
  const receive = (s: unknown) => {
    if (!s || typeof s !== 'object' || !('action' in s)) return;
    if (__SHOKEN_TEST_MODE__) log.push(`${Math.round(performance.now())} push: ${(s as FrameStatus).action}`);
    try {
      const built = build();
      if (built) built.apply(s as FrameStatus);
      else queued = s as FrameStatus; // the latest push wins, as it would on a built guard
    } catch {
      /* ignore */
    }
  };
  const pushed = g[PUSHED];
  g[RECEIVE] = receive;
  if (pushed) receive(pushed);
  // Frames webNavigation does not report reliably (about:blank, about:srcdoc, data:, blob:) and
  // Firefox (no documentId to push to) ask at once, as before.
  else if (import.meta.env.FIREFOX || !(doc.URL.startsWith('https:') || doc.URL.startsWith('http:'))) {
    eager = true;
    build()?.need();
  }

  if (window.top === window && !import.meta.env.FIREFOX) {
    for (const name of opts.topGlobals ?? []) {
      const call = () => (...args: unknown[]) => {
        const real = g[name];
        return typeof real === 'function' && real !== placeholder ? (real as (...a: unknown[]) => unknown)(...args) : null;
      };
      // executeScript waits for a returned promise: the call completes once the core is in.
      const placeholder = (...args: unknown[]) => (build() ? call()(...args) : load().then(() => call()(...args)));
      g[name] = placeholder;
    }
  }

  // A credential field rendered in the frame (password, PIN, one-time code: a superset of the
  // guard's cheap test by type and attributes, credentialSelector()) builds the guard, which
  // finds it and asks, so page identity judges the page before the user types. Found by the
  // stylesheet the manifest injects with this script (entrypoints/content/credential-watch.css):
  // such a field runs a 1 ms animation, whose animationstart reaches this listener first (the
  // page never hears it). No script runs in a frame without such a field — a look from script
  // cost every frame of every page a callback and a document walk (≈ 1.3 ms per heavy page) —
  // and a field a script adds or reveals later is found when it appears. A field only its
  // <label> names, or one whose animation the page overrides, is found when the user reaches it
  // (focus, click, key: relayed events).
  const onAnimation = (e: Event) => {
    if ((e as AnimationEvent).animationName !== CREDENTIAL_ANIMATION) return;
    e.stopImmediatePropagation();
    try {
      if (!guard) build();
    } catch {
      /* ignore */
    }
  };
  window.addEventListener('animationstart', onAnimation, true);
  // document.open() erases it with the relay's listeners.
  relay.onErased(() => dead || window.addEventListener('animationstart', onAnimation, true));

  // document.open() (or a replaced <html>) erases every listener of the window: ours are put
  // back at once (relay.check); a locked guard then erases the page's (page-guard.ts).
  const docWatch = new MutationObserver(() => void relay.check());
  docWatch.observe(doc, { childList: true });

  if (__SHOKEN_TEST_MODE__) {
    // QA build only: lets E2E tests read the guard's state from the isolated world. Reading
    // __shokenGuard builds the guard (as any need would: undefined while its core is being
    // injected), __shokenGuardReady() waits for it; __shokenGuardBuilt does neither.
    document.documentElement?.setAttribute('data-shoken-guard-test', '1');
    Object.defineProperty(g, '__shokenGuard', { get: build, configurable: true });
    g.__shokenGuardReady = () => Promise.resolve(build() ?? load());
    Object.defineProperty(g, '__shokenGuardBuilt', { get: () => !!guard, configurable: true });
    g.__shokenGuardLog = log;
    g.__shokenGuardCoreLog = coreLog;
  }
  return { build, relay };
}
