import type { FrameStatus } from '../messaging/protocol';
import type { Lang } from './i18n';

/** The popup's plain-words summary of a tab: which sentence, which colour, which action. */
export type TabState = 'genuine' | 'impostor' | 'suspicious' | 'unrelated' | 'internal';

export function tabStateOf(status: FrameStatus | null): TabState {
  if (!status) return 'internal';
  const v = status.verdict;
  if (v.kind === 'unrelated' && (v.reasons.includes('not-web') || v.reasons.includes('unparseable'))) return 'internal';
  return v.kind;
}

/** Broker name in the page language, for "正規の〇〇証券です" / "〇〇証券の偽物の疑い". */
export function brokerName(status: FrameStatus | null, lang: Lang, fallback: string): string {
  const n = status?.verdict.brandNames;
  return n?.[lang] || n?.ja || fallback;
}
