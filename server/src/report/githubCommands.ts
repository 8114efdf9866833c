// GitHub Actions workflow commands: a log line `::error file=a.smtp,line=3::message` that the runner turns into an
// annotation on the pull request's diff and the run's summary. Escaped as GitHub's own toolkit escapes them
// (actions/toolkit, packages/core/src/command.ts): a line break in a message would end the command.

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** As the user named it: GitHub resolves a relative path against the workspace. Without it, about the run. */
  file?: string;
  /** 1-based, as editors count; columns in UTF-16 code units, as the editor's positions. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
  message: string;
}

/** A command's message: `%`, CR and LF escaped. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which would end the value. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::LEVEL file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::MESSAGE`, the properties the annotation has;
 * `::LEVEL::MESSAGE` without any, as the toolkit writes it.
 */
export function annotationCommand(annotation: Annotation): string {
  const { level, file, line, column, endLine, endColumn, title, message } = annotation;
  const properties: Array<[string, string | number | undefined]> = [
    ['file', file],
    ['line', line],
    ['col', column],
    ['endLine', endLine],
    ['endColumn', endColumn],
    ['title', title],
  ];
  const given = properties.filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`);
  return `::${level}${given.length > 0 ? ' ' : ''}${given.join(',')}::${escapeCommandData(message)}`;
}

/**
 * Log lines printed beside the commands (the text reporter's), made so that GitHub cannot read one as a command: the
 * runner takes any line whose first non-blank characters are `::` for one, and a file named `::error file=x::y.smtp`
 * would start such lines. A zero-width space goes between those colons; any other line is unchanged.
 */
export function plainLogText(text: string): string {
  return text.replace(/^([ \t]*):(?=:)/gm, '$1:\u200b');
}
