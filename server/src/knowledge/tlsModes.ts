export const TLS_MODES = ['none', 'starttls', 'implicit'] as const; export type TlsMode = (typeof TLS_MODES)[number];
