// References to the documents the knowledge tables come from, and the links shown in hovers.

/** A section (or the whole) of an RFC. `section` is written as the RFC numbers it: `4.1.1.1`, `D.1`. */
export interface RfcRef {
  readonly rfc: number;
  readonly section?: string;
}

/** A specification that is not an RFC: an expired Internet-Draft, a vendor's protocol page. */
export interface DocumentRef {
  readonly title: string;
  readonly url: string;
}

export type SpecRef = RfcRef | DocumentRef;

/** Shorthand for writing tables: `rfc(5321, '4.1.1.1')`. */
export function rfc(number: number, section?: string): RfcRef {
  return section === undefined ? { rfc: number } : { rfc: number, section };
}

export function isRfcRef(ref: SpecRef): ref is RfcRef {
  return 'rfc' in ref;
}

/** `https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.1`; appendices (`D.1`) link as `#appendix-D.1`. */
export function rfcUrl(ref: RfcRef): string {
  const base = `https://www.rfc-editor.org/rfc/rfc${ref.rfc}`;
  if (ref.section === undefined) return base;
  const anchor = /^[A-Z]/.test(ref.section) ? 'appendix' : 'section';
  return `${base}#${anchor}-${ref.section}`;
}

/** `RFC 5321 §4.1.1.1`, or `RFC 5321` without a section. */
export function rfcLabel(ref: RfcRef): string {
  return ref.section === undefined ? `RFC ${ref.rfc}` : `RFC ${ref.rfc} §${ref.section}`;
}

export function specUrl(ref: SpecRef): string {
  return isRfcRef(ref) ? rfcUrl(ref) : ref.url;
}

export function specLabel(ref: SpecRef): string {
  return isRfcRef(ref) ? rfcLabel(ref) : ref.title;
}

/** A Markdown link for hovers: `[RFC 5321 §4.1.1.1](https://...)`. */
export function specMarkdownLink(ref: SpecRef): string {
  return `[${specLabel(ref)}](${specUrl(ref)})`;
}
