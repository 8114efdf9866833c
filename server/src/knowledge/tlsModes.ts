// How a session gets TLS: not at all, by STARTTLS after the greeting (RFC 3207), or from the first byte (RFC 8314 §3).
export const TLS_MODES = ['none', 'starttls', 'implicit'] as const;

export type TlsMode = (typeof TLS_MODES)[number];
