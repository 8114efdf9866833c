// The Node server's features with its disk: main.ts makes them from dist/nodeEngine.js (server/src/bundles/) once
// `initialize` is answered.
import { createLanguageFeatures, type CreateLanguageFeatures } from './languageFeatures';
import { nodeFileAccess } from './nodeFileAccess';

export const createNodeLanguageFeatures: CreateLanguageFeatures = (connection, documents, params) =>
  createLanguageFeatures(connection, documents, nodeFileAccess, params);
