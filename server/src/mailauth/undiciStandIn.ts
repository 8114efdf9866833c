// Stands in for npm undici inside the mailauth vendor bundle (esbuild.mjs aliases it): mailauth uses undici only to
// download BIMI logos and certificates (mailauth/lib/bimi), and authenticateMessage.ts always passes disableBimi, so
// 500 KB of HTTP client would ship and never run. Reached anyway, it fails with a message that says why.

/** mailauth makes one at load time and hands it to fetch only. */
export class Agent {}

export function fetch(): Promise<never> {
  return Promise.reject(new Error('BIMI downloads are not part of this build: mailauth runs with disableBimi'));
}
