// The CLI's version, package.json's "version" (test/cli/help.test.ts keeps them equal): printed by
// `smtp-transcript --version` and named as the tool's version in `lint --format sarif`.
export const CLI_VERSION = '0.1.0';
