// The Node server's features with its disk: the entry of dist/nodeLanguageFeatures.js, which main.ts loads once
// `initialize` is answered.
import { createLanguageFeatures, type CreateLanguageFeatures } from './languageFeatures';
import { nodeFileAccess } from './nodeFileAccess';

export const createNodeLanguageFeatures: CreateLanguageFeatures = (connection, documents, params) =>
  createLanguageFeatures(connection, documents, nodeFileAccess, params);
