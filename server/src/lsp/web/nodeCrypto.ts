// node:crypto for the web worker build (esbuild aliases `node:crypto` here). Editing features only need random ids;
// HMAC (`{{$cram-md5 ...}}`) is computed when replaying, which the web build does not do.

export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}

export function createHmac(): never {
  throw new Error('HMAC (CRAM-MD5) needs the desktop VS Code: it is computed when replaying');
}
