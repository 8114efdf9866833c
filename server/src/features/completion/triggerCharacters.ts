// Its own module so that the language server answers `initialize` without loading completion itself.
/** Characters after which the editor should ask for completions. */
export const COMPLETION_TRIGGER_CHARACTERS = [' ', ':', '@', '{', '$', '-', '=', '#', '<'];
