import type { ReasonCode } from '../domain/verdict';

/**
 * Reason codes → locale keys. A Record over the whole union makes adding a ReasonCode without
 * words a type error; test/unit/locales.test.ts checks each key exists in ja and en.
 */
export const REASON_KEYS: Record<ReasonCode, string> = {
  'listed-host': 'ui_reason_listed_host',
  'listed-subtree': 'ui_reason_listed_subtree',
  'policy-origin': 'ui_reason_policy_origin',
  'insecure-scheme': 'ui_reason_insecure_scheme',
  'brand-domain-unlisted': 'ui_reason_brand_domain_unlisted',
  'related-group': 'ui_reason_related_group',
  exempt: 'ui_reason_exempt',
  'confusable-skeleton': 'ui_reason_confusable_skeleton',
  'edit-distance': 'ui_reason_edit_distance',
  'adjacent-swap': 'ui_reason_adjacent_swap',
  'hyphen-dot-change': 'ui_reason_hyphen_dot_change',
  'suffix-swap': 'ui_reason_suffix_swap',
  'embedded-domain': 'ui_reason_embedded_domain',
  'label-in-subdomain': 'ui_reason_label_in_subdomain',
  'combo-squat': 'ui_reason_combo_squat',
  'hosting-platform': 'ui_reason_hosting_platform',
  'brand-word': 'ui_reason_brand_word',
  'page-identity': 'ui_reason_page_identity',
  'not-web': 'ui_reason_not_web',
  'ip-address': 'ui_reason_ip_address',
  unparseable: 'ui_reason_unparseable',
  'no-match': 'ui_reason_no_match',
};

/** Locale key for a reason; unknown codes (a newer engine) fall back to a generic sentence. */
export function reasonKey(code: string): string {
  return (REASON_KEYS as Record<string, string>)[code] ?? 'ui_reason_other';
}
