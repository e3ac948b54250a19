import type { FormTargetDecision, FrameStatus } from '../../messaging/protocol';
import type { Lang } from '../../ui/i18n';
import { createNotice } from '../notice';
import { guardText } from '../text';

/** The guard's notices with their wording (caution on suspicious pages, stopped submissions). */
export function createGuardNotices(win: Window, signal: AbortSignal, lang: Lang) {
  const notice = createNotice(win, signal);

  function brandName(s: FrameStatus | undefined): string {
    return s?.verdict.brandNames?.[lang] || s?.verdict.brandNames?.ja || guardText(lang, 'guard_unknown_broker');
  }

  return {
    showCaution(status: FrameStatus, field: Element, goGenuine: () => void) {
      if (notice.shown?.tone === 'caution') return notice.anchorTo(field);
      const broker = brandName(status);
      notice.show({
        tone: 'caution',
        title: guardText(lang, 'guard_caution_title', broker),
        body: guardText(lang, 'guard_caution_body', win.location.hostname, broker),
        link: status.verdict.imitates ? { url: status.verdict.imitates, text: guardText(lang, 'guard_go_genuine', broker), onClick: goGenuine } : undefined,
        closeText: guardText(lang, 'guard_close'),
        anchor: field,
      });
    },
    showBlocked(status: FrameStatus | undefined, field: Element | null, decision: FormTargetDecision) {
      const key =
        decision.reason === 'impostor-destination'
          ? 'guard_blocked_impostor'
          : decision.reason === 'insecure'
            ? 'guard_blocked_insecure'
            : 'guard_blocked_offlist';
      notice.show({
        tone: 'blocked',
        title: guardText(lang, 'guard_blocked_title'),
        body: guardText(lang, key, decision.host ?? '', brandName(status)),
        closeText: guardText(lang, 'guard_close'),
        anchor: field,
      });
    },
    hideCaution() {
      if (notice.shown?.tone === 'caution') notice.hide();
    },
    hide: () => notice.hide(),
  };
}

export type GuardNotices = ReturnType<typeof createGuardNotices>;
