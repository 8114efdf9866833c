// What a strict receiver answers a message that fails authentication (mailauth/enforcement.ts says when): RFC 7372 §3's
// enhanced status codes (X.7.20 no passing DKIM, X.7.23 SPF fail, X.7.24 SPF error, X.7.26 several checks failed), and
// 5.7.1 for a message with no From: address to check (RFC 5322 §3.6; RFC 7489 §6.6.1). A 451 defers (a check failed
// for now), a 550 refuses.

export interface StrictReply {
  code: 550 | 451;
  /** RFC 3463 enhanced status code. */
  enhanced: string;
}

/** Every answer of the strict receiver, by what it answers (the rules' order: mailauth/enforcement.ts). */
export const STRICT_REPLIES = {
  severalAuthors: { code: 550, enhanced: '5.7.26' },
  noAuthorDomain: { code: 550, enhanced: '5.7.1' },
  dmarcForNow: { code: 451, enhanced: '4.7.26' },
  dmarcPolicy: { code: 550, enhanced: '5.7.26' },
  spfFail: { code: 550, enhanced: '5.7.23' },
  spfTemperror: { code: 451, enhanced: '4.7.24' },
  spfPermerror: { code: 550, enhanced: '5.7.24' },
  dkimForNow: { code: 451, enhanced: '4.7.20' },
  dkimFail: { code: 550, enhanced: '5.7.20' },
  unauthenticated: { code: 550, enhanced: '5.7.26' },
} as const satisfies Record<string, StrictReply>;

/** The strict receiver's replies for a help text: `550 5.7.26, 5.7.1, ...; 451 4.7.26, ...`, each once. */
export function strictReplyCodes(quote = (code: string) => code): string {
  const byCode = new Map<number, string[]>();
  for (const { code, enhanced } of Object.values(STRICT_REPLIES)) {
    const codes = byCode.get(code) ?? [];
    if (!codes.includes(enhanced)) codes.push(enhanced);
    byCode.set(code, codes);
  }
  return [...byCode].map(([code, codes]) => codes.map((enhanced, i) => quote(i === 0 ? `${code} ${enhanced}` : enhanced)).join(', ')).join('; ');
}
