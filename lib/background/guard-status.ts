import type { Browser } from 'webextension-polyfill';
import { classify, type ListIndex } from '../domain/classify';
import type { ReasonCode, Verdict } from '../domain/verdict';
import type { FormTargetDecision, FrameStatus } from '../messaging/protocol';
import type { SenderInfo } from '../messaging/router';
import { judgeByShape, judgeGenuineDestination } from '../guard/destination';
import { createContinueStore, type SessionArea } from './guard-continue';
import { deliverStatus, type ScriptingLike } from './guard-push';

/**
 * Background side of the page guard: which frames are locked, cautioned or left alone.
 *
 * - The judged URL is the sender's own frame URL (never a payload), falling back to the
 *   sender's origin for about:blank / blob: / data: frames (match_origin_as_fallback).
 * - A child frame inherits the strongest concern of the frames above it: an impostor that
 *   puts its password field in an iframe on an innocent-looking host is still locked.
 * - "Continue anyway" is per concern origin for the browser session (storage.session, which
 *   content scripts cannot read or write).
 * - Page identity (issue 6) can upgrade a frame later: `upgradeFrame()` records the verdict and
 *   pushes the new status to every frame of the tab.
 */

export interface GuardPolicy {
  allowContinue: boolean;
  firm?: { name?: string; support?: string };
}

export interface GuardBackgroundDeps {
  browser: Browser;
  index: () => Promise<ListIndex>;
  policy?: () => Promise<GuardPolicy>;
  /** storage.session (injected for tests). */
  session?: SessionArea;
}

const RANK = { none: 0, caution: 1, lock: 2 } as const;

/** The status mapping the guard acts on: impostor → lock, suspicious → caution, else none. */
export function actionOf(v: Verdict): FrameStatus['action'] {
  return v.kind === 'impostor' ? 'lock' : v.kind === 'suspicious' ? 'caution' : 'none';
}

/** Reasons that make an impostor a *domain* lookalike (redirected before the page can be used). */
const DOMAIN_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'confusable-skeleton',
  'edit-distance',
  'adjacent-swap',
  'hyphen-dot-change',
  'suffix-swap',
  'embedded-domain',
  'label-in-subdomain',
  'combo-squat',
  'hosting-platform',
]);

export function isStrongLookalike(v: Verdict): boolean {
  return v.kind === 'impostor' && v.reasons.some((r) => DOMAIN_REASONS.has(r));
}

function isWeb(url: string | undefined): boolean {
  return !!url && (url.startsWith('https:') || url.startsWith('http:'));
}

export function originOf(url: string | undefined): string | undefined {
  if (!url || !isWeb(url)) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The URL a frame is judged by: its own URL, else the origin it inherited (about:blank, blob:). */
export function judgedUrlOf(url: string | undefined, origin: string | undefined): string {
  if (url && isWeb(url)) return url;
  if (url && url.startsWith('blob:')) {
    const inner = url.slice(5);
    if (isWeb(inner)) return inner;
  }
  if (isWeb(origin)) return `${origin}/`;
  return url ?? '';
}

interface Candidate {
  url: string;
  verdict: Verdict;
  inherited: boolean;
}

/** A frame of a tab as webNavigation reports it. */
export interface TabFrame {
  frameId: number;
  parentFrameId: number;
  url: string;
}

/** The frame statusForFrame judges: a content message's sender, or a frame the background pushes to. */
export interface FrameToJudge {
  tabId?: number;
  /** The tab's committed URL (stands for the top frame). */
  tabUrl?: string;
  frameId: number;
  /** When known (webNavigation.onCommitted): 0 = right under the top frame. */
  parentFrameId?: number;
  /** The tab's frames, when the caller has just read them (no second getAllFrames). */
  frames?: TabFrame[];
  url?: string;
  origin?: string;
}

export function createGuardBackground(deps: GuardBackgroundDeps) {
  const { browser } = deps;
  const continued = createContinueStore(deps.session ?? (browser.storage as unknown as { session?: SessionArea }).session);
  const policy: () => Promise<GuardPolicy> = deps.policy ?? (async () => ({ allowContinue: true }));
  /** `${tabId}:${frameId}` → verdict from page identity, valid while the frame shows `url`. */
  const upgrades = new Map<string, { url: string; verdict: Verdict }>();

  async function verdictFor(url: string): Promise<Verdict> {
    return classify(url, await deps.index());
  }

  async function ancestorUrls(tabId: number, frameId: number, known?: TabFrame[]): Promise<{ url: string; frameId: number }[]> {
    const out: { url: string; frameId: number }[] = [];
    try {
      const frames = known ?? (await browser.webNavigation.getAllFrames({ tabId })) ?? [];
      const byId = new Map(frames.map((f) => [f.frameId, f]));
      let cur = byId.get(frameId);
      const seen = new Set<number>();
      while (cur && cur.parentFrameId >= 0 && !seen.has(cur.frameId)) {
        seen.add(cur.frameId);
        const parent = byId.get(cur.parentFrameId);
        if (!parent) break;
        out.push({ url: parent.url, frameId: parent.frameId });
        cur = parent;
      }
    } catch {
      /* tab gone: fall back to the tab URL below */
    }
    return out;
  }

  function upgraded(tabId: number | undefined, frameId: number, url: string, v: Verdict): Verdict {
    if (tabId === undefined) return v;
    const u = upgrades.get(`${tabId}:${frameId}`);
    if (!u || u.url !== url) return v;
    return RANK[actionOf(u.verdict)] > RANK[actionOf(v)] ? u.verdict : v;
  }

  /** Our warning page stands for the page it warns about (the toolbar keeps showing "!"). */
  function warnedTarget(url: string | undefined): string | undefined {
    try {
      const base = browser.runtime.getURL('/warning.html');
      if (!url || !url.startsWith(base)) return undefined;
      return new URL(url).searchParams.get('target') ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Status for one frame of a tab (the sender of a content message, or a frame we push to). */
  async function statusForFrame(frame: FrameToJudge): Promise<FrameStatus> {
    const ownUrl = judgedUrlOf(warnedTarget(frame.url) ?? frame.url, frame.origin);
    const own: Candidate = { url: ownUrl, verdict: upgraded(frame.tabId, frame.frameId, ownUrl, await verdictFor(ownUrl)), inherited: false };
    let chosen = own;
    if (frame.frameId !== 0 && frame.tabId !== undefined) {
      // A frame right under the top frame has no ancestor but the top, which the tab URL below
      // stands for: no webNavigation.getAllFrames round trip for it (most frames of most pages).
      const chain = frame.parentFrameId === 0 && frame.tabUrl ? [] : await ancestorUrls(frame.tabId, frame.frameId, frame.frames);
      const urls = chain.map((c) => ({ url: c.url, frameId: c.frameId }));
      // The tab URL covers a chain webNavigation does not know yet (frame created this instant).
      if (frame.tabUrl) urls.push({ url: frame.tabUrl, frameId: 0 });
      for (const a of urls) {
        if (!isWeb(a.url)) continue;
        const v = upgraded(frame.tabId, a.frameId, a.url, await verdictFor(a.url));
        if (RANK[actionOf(v)] > RANK[actionOf(chosen.verdict)]) chosen = { url: a.url, verdict: v, inherited: true };
      }
    }
    return finish(chosen, own);
  }

  async function finish(chosen: Candidate, own: Candidate): Promise<FrameStatus> {
    const p = await policy();
    let action = actionOf(chosen.verdict);
    const concernOrigin = originOf(chosen.url);
    let wasContinued = false;
    if (action !== 'none' && concernOrigin && (await continued.has(concernOrigin))) {
      action = 'none';
      wasContinued = true;
    }
    const status: FrameStatus = {
      verdict: chosen.verdict,
      action,
      allowContinue: p.allowContinue,
      continued: wasContinued,
    };
    if (concernOrigin) status.concernOrigin = concernOrigin;
    if (chosen.inherited) status.inherited = true;
    if (p.firm) status.firm = p.firm;
    if (own.verdict.kind === 'genuine' && own.verdict.brand) {
      const brand = (await deps.index()).byId.get(own.verdict.brand);
      if (brand) status.formTargets = [...brand.hosts, ...(brand.formTargets ?? [])];
    }
    return status;
  }

  function senderFrame(sender: SenderInfo) {
    return { tabId: sender.tab?.id, tabUrl: sender.tab?.url, frameId: sender.frameId ?? 0, url: sender.url, origin: sender.origin };
  }

  /**
   * Pushes the current status to every frame of a tab (after continue / upgrade). Chromium:
   * into each document's isolated world (as the commit-time push, lib/background/guard-push.ts),
   * so the content script needs no runtime.onMessage listener (its setup cost every frame at
   * load); Firefox (no documentId): the 'guard/status' message.
   */
  async function pushTab(tabId: number): Promise<void> {
    const scripting = (browser as unknown as { scripting?: ScriptingLike }).scripting;
    let frames: (TabFrame & { documentId?: string })[] = [];
    let tabUrl: string | undefined;
    try {
      frames = (await browser.webNavigation.getAllFrames({ tabId })) ?? [];
      tabUrl = (await browser.tabs.get(tabId)).url;
    } catch {
      return;
    }
    await Promise.all(
      frames.map(async (f) => {
        try {
          const status = await statusForFrame({ tabId, tabUrl, frameId: f.frameId, url: f.url, frames });
          if (scripting && f.documentId) {
            await scripting.executeScript({ target: { tabId, documentIds: [f.documentId] }, func: deliverStatus, args: [status], injectImmediately: true, world: 'ISOLATED' });
          } else await browser.tabs.sendMessage(tabId, { type: 'guard/status', payload: { status } }, { frameId: f.frameId });
        } catch {
          /* frame without our content script (chrome://, PDF...) */
        }
      }),
    );
  }

  async function formTarget(action: string, sender: SenderInfo): Promise<FormTargetDecision> {
    const pageUrl = judgedUrlOf(sender.url, sender.origin);
    const own = await verdictFor(pageUrl);
    if (own.kind === 'genuine' && own.brand) {
      const brand = (await deps.index()).byId.get(own.brand);
      return judgeGenuineDestination(action, pageUrl, brand ? [...brand.hosts, ...(brand.formTargets ?? [])] : []);
    }
    const shaped = judgeByShape(action, pageUrl);
    if (shaped) return shaped;
    const dest = await verdictFor(action);
    if (dest.kind === 'impostor') return { allowed: false, reason: 'impostor-destination', host: dest.host };
    return { allowed: true, reason: 'unrelated', host: dest.host };
  }

  return {
    statusForFrame,
    statusForSender: (sender: SenderInfo) => statusForFrame(senderFrame(sender)),
    pushTab,
    formTarget,
    isStrongLookalike,
    continued,
    policy,
    verdictFor,

    /**
     * Extension point for page identity (issue 6): the page in (tabId, frameId) presents itself
     * as a listed broker. Records the verdict for the frame's current URL and re-sends the status
     * to every frame of the tab (child frames inherit it). A weaker verdict never downgrades.
     */
    async upgradeFrame(tabId: number, frameId: number, verdict: Verdict): Promise<void> {
      let url: string | undefined;
      try {
        url = (await browser.webNavigation.getFrame({ tabId, frameId }))?.url;
      } catch {
        return;
      }
      if (!url) return;
      upgrades.set(`${tabId}:${frameId}`, { url, verdict });
      await pushTab(tabId);
    },

    /** A frame navigated: its page-identity upgrade no longer applies. */
    forgetFrame(tabId: number, frameId: number): void {
      if (frameId === 0) {
        for (const k of upgrades.keys()) if (k.startsWith(`${tabId}:`)) upgrades.delete(k);
      } else upgrades.delete(`${tabId}:${frameId}`);
    },

    async continueFor(origin: string | undefined): Promise<boolean> {
      if (!origin || !(await policy()).allowContinue) return false;
      await continued.add(origin);
      return true;
    },
  };
}

export type GuardBackground = ReturnType<typeof createGuardBackground>;
