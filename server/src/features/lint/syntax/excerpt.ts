// Messages quote the offending text; a pathological line (a megabyte of it) must not be copied into every diagnostic.
const MAX_QUOTED = 60;

/** `text`, or its first characters and `…` when it is long. */
export function excerpt(text: string, max = MAX_QUOTED): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
