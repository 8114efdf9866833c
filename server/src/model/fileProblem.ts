// A file a transcript or a user names that cannot be read, with its one-line reason ("is a FIFO (named pipe), not a
// regular file"): the message is shown as it is, never with a stack.
export class FileProblem extends Error {}
