// node:net's address checks for the web worker build (esbuild aliases `node:net` here): the transcript code asks
// isIP/isIPv4/isIPv6 of address literals (RFC 5321 §4.1.3). Checked equal to Node's in test/unit/lsp/webShims.test.ts.

const DECIMAL_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => DECIMAL_OCTET.test(p));
}

/** RFC 4291 §2.2 text forms: eight groups, one `::`, an IPv4 tail, and (as Node accepts) a `%zone` suffix. */
export function isIPv6(text: string): boolean {
  const zone = text.indexOf('%');
  if (zone !== -1) {
    if (!/^[0-9a-zA-Z.:-]+$/.test(text.slice(zone + 1))) return false;
    text = text.slice(0, zone);
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string): string[] | undefined => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let count = all.length;
  // Only the address's very last group may be an IPv4 tail (RFC 4291 §2.2, form 3).
  const last = text.endsWith('::') ? undefined : all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

export function isIP(text: string): 0 | 4 | 6 {
  if (isIPv4(text)) return 4;
  return isIPv6(text) ? 6 : 0;
}
