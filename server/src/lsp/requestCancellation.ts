// LSP 3.17 `$/cancelRequest`: a request the client cancelled before the server answered it is answered with
// RequestCancelled (-32800). The library reads one message per turn of the event loop and runs a request's handler as
// soon as it reads the request, before the cancellation sent right behind it: so a feature runs a turn later (as
// VS Code's own language servers do, `runSafeAsync`), and not at all when its cancellation came in meanwhile. A
// feature that waits (hover on the environment, quick fixes on the lint) is answered -32800 when cancelled while it
// waited. Notifications are never cancelled: document changes apply in order.
import { ResponseError, type CancellationToken } from 'vscode-languageserver';

// LSP's error code, written here: the value comes with the library's whole protocol module.
const REQUEST_CANCELLED = -32800;

/** `handler` run a turn after its request was read, unless the request was cancelled by then or while it ran. */
export function cancellable<P, R>(method: string, handler: (params: P) => R): (params: P, token: CancellationToken) => Promise<Awaited<R> | ResponseError<void>> {
  return async (params, token): Promise<Awaited<R> | ResponseError<void>> => {
    await nextTurn();
    if (token.isCancellationRequested) return cancelled(method);
    const result: Awaited<R> = await handler(params);
    return token.isCancellationRequested ? cancelled(method) : result;
  };
}

function cancelled(method: string): ResponseError<void> {
  return new ResponseError(REQUEST_CANCELLED, `${method} was cancelled`);
}

/**
 * After the messages already read: Node's setImmediate runs after the reads the library queued before it; the web
 * worker has none, and its setTimeout runs after the messages posted before it.
 */
function nextTurn(): Promise<void> {
  return new Promise((resume) => (typeof setImmediate === 'function' ? setImmediate(resume) : setTimeout(resume, 0)));
}
