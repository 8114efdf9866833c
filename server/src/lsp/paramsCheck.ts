// A request's params checked before a feature reads them: a client's mistake (params null, no textDocument, a position
// without numbers) is InvalidParams (-32602) saying what is missing, not an internal error (-32603) carrying a
// JavaScript message.
import { ResponseError } from 'vscode-languageserver';

// JSON-RPC's code, written here: the value comes with the library's whole protocol module.
const INVALID_PARAMS = -32602;

/** What a request names besides its document: a position (hover, completion, ...) or a range (range formatting, ...). */
type Needs = 'document' | 'position' | 'range';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isPosition = (value: unknown): boolean => isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.character);

function missing(params: unknown, needs: Needs): string | undefined {
  if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') return 'params need textDocument.uri';
  if (needs === 'position' && !isPosition(params.position)) return 'params need a position {line, character}';
  if (needs === 'range' && !(isObject(params.range) && isPosition(params.range.start) && isPosition(params.range.end))) return 'params need a range {start, end}';
  return undefined;
}

export function withParams<P, R>(method: string, needs: Needs, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
  return (params) => {
    const problem = missing(params, needs);
    return problem === undefined ? handler(params) : new ResponseError(INVALID_PARAMS, `${method}: ${problem}`);
  };
}
