// Stands in for libmime/lib/mimetypes inside the mailauth vendor bundle (esbuild.mjs): libmime reads that table only
// in detectExtension and detectMimeType, and mailauth calls libmime's foldLines and parseHeaderValue alone (whose
// charsets charsetStandIn.ts decodes). 68 KB of file extensions would ship and never be read; read anyway, the
// stand-in throws a message that says why.

const notInThisBuild = (): never => {
  throw new Error("libmime's MIME type table is not part of this build: mailauth never looks up MIME types");
};
const absentTable = (): Record<string, string | string[]> =>
  new Proxy({}, { get: notInThisBuild, has: notInThisBuild, ownKeys: notInThisBuild, getOwnPropertyDescriptor: notInThisBuild });

export const list = absentTable();
export const extensions = absentTable();
