// Its own module so that the language server answers `initialize` without loading completion itself.
/** Characters after which the editor should ask for completions. */
// `/`: the next folder's entries in a path (`< ./parts/`).
export const COMPLETION_TRIGGER_CHARACTERS = [' ', ':', '@', '{', '$', '-', '=', '#', '<', '/'];
