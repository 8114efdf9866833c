// A request's params checked before a feature reads them: a client's mistake (params null, no textDocument, a position
// without numbers) is InvalidParams (-32602) saying what is missing, not an internal error (-32603) carrying a
// JavaScript message.
import { ResponseError } from 'vscode-languageserver';
import { isJsonObject } from '../model/jsonObject';

// JSON-RPC's code, written here: the value comes with the library's whole protocol module.
const INVALID_PARAMS = -32602;

/**
 * What a request names besides its document: a position (hover, completion, ...), positions (selection ranges) or a
 * range (range formatting, ...); or, naming no document, a query (workspace symbols).
 */
export type Needs = 'document' | 'position' | 'positions' | 'range' | 'query';

const isPosition = (value: unknown): boolean => isJsonObject(value) && Number.isInteger(value.line) && Number.isInteger(value.character);

function missing(params: unknown, needs: Needs): string | undefined {
  if (needs === 'query') return isJsonObject(params) && typeof params.query === 'string' ? undefined : 'params need a query string';
  if (!isJsonObject(params) || !isJsonObject(params.textDocument) || typeof params.textDocument.uri !== 'string') return 'params need textDocument.uri';
  if (needs === 'position' && !isPosition(params.position)) return 'params need a position {line, character}';
  if (needs === 'positions' && !(Array.isArray(params.positions) && params.positions.every(isPosition))) return 'params need positions [{line, character}, ...]';
  if (needs === 'range' && !(isJsonObject(params.range) && isPosition(params.range.start) && isPosition(params.range.end))) return 'params need a range {start, end}';
  return undefined;
}

export function withParams<P, R>(method: string, needs: Needs, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
  return (params) => {
    const problem = missing(params, needs);
    return problem === undefined ? handler(params) : new ResponseError(INVALID_PARAMS, `${method}: ${problem}`);
  };
}
