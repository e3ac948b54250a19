import { buildIndex, type ListIndex } from '../domain/classify';
import type { ManagedPolicy } from '../policy/types';

/**
 * The list index with the firm's genuine origins (managed policy) added. The engine builds the
 * policy part itself (buildIndex's extraOrigins); it is grafted onto the list's index so the
 * list is not re-indexed and list-source needs no policy knowledge. Cached per (index, policy).
 */
export function createPolicyIndexer() {
  let last: { base: ListIndex; policy: ManagedPolicy; index: ListIndex } | undefined;
  return (base: ListIndex, policy: ManagedPolicy): ListIndex => {
    if (!policy.genuineOrigins.length) return base;
    if (last && last.base === base && last.policy === policy) return last.index;
    const name = policy.firmName ? { ja: policy.firmName, en: policy.firmName } : undefined;
    const extra = buildIndex(
      { format: 1, version: base.version, issued: '1970-01-01T00:00:00Z', expires: '9999-01-01T00:00:00Z', brands: [] },
      { extraOrigins: policy.genuineOrigins, extraOriginsName: name },
    );
    const index: ListIndex = { ...base, policyHosts: extra.policyHosts };
    last = { base, policy, index };
    return index;
  };
}

/** Firm info for warnings: only when the policy names a support contact or a firm. */
export function firmOf(policy: ManagedPolicy): { name?: string; support?: string } | undefined {
  if (!policy.firmName && !policy.supportContact) return undefined;
  return { name: policy.firmName, support: policy.supportContact };
}
