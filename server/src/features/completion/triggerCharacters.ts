// Its own module so that the language server answers `initialize` without loading completion itself.
/** Characters after which the editor should ask for completions. */
// `/`: the next folder's entries in a path (`< ./parts/`).
export const COMPLETION_TRIGGER_CHARACTERS = [' ', ':', '@', '{', '$', '-', '=', '#', '<', '/'];

/**
 * Characters after which the editor should ask for signature help (signatureHelp.ts): the blank that ends a built-in's
 * name or an argument. While it shows, `}` (the reference closed) makes it ask again, and the answer, none, hides it.
 */
export const SIGNATURE_HELP_TRIGGER_CHARACTERS = [' '];
export const SIGNATURE_HELP_RETRIGGER_CHARACTERS = ['}'];
