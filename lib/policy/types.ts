/**
 * Managed policy (storage.managed, schema in public/managed_schema.json): how a securities
 * firm configures Shoken Guard for its customers. Parsed and validated once (lib/policy),
 * cached, re-read on change. Consumer installs have no policy: every field is optional and
 * DEFAULT_POLICY is what they get.
 */
export interface ManagedPolicy {
  /** Extra genuine https origins for the firm's own services ("https://nisa.example-sec.co.jp"). */
  genuineOrigins: string[];
  /** Extra signed list published by the firm: where to fetch it and the key that signs it. */
  firmList?: { url: string; publicKey: string; keyId: string; algorithm: 'Ed25519' | 'ECDSA-P256' };
  /** Override of the publisher list URL (mirror inside a firm's network). */
  listUrl?: string;
  /** false = no "continue anyway" on warnings. */
  allowContinue: boolean;
  /** Password-reuse alerts on (consumers opt in in options; firms may force it on). */
  passwordReuse: boolean;
  /** Shown in warnings: "お問い合わせ: …". */
  firmName?: string;
  supportContact?: string;
  /** Extra webmail hosts whose links are checked (firm's own webmail). */
  webmailHosts: string[];
  /** Firms only: receives {origin, verdict kind, brand} of blocked pages. Never set for consumers. */
  reportEndpoint?: string;
}

export const DEFAULT_POLICY: ManagedPolicy = {
  genuineOrigins: [],
  allowContinue: true,
  passwordReuse: false,
  webmailHosts: [],
};

/** A policy value that was present but invalid: ignored, and shown in options. */
export interface PolicyProblem {
  key: string;
  message: string;
  /** Machine-readable kind (lib/policy/parse.ts PolicyProblemCode): options shows it in words. */
  code?: string;
  /** The offending value, shortened, for display. */
  value?: string;
}
