// Stands in for mailauth/lib/spf inside the mailauth vendor bundle (esbuild.mjs): mailauth.js loads it for
// authenticate(), which the project never calls. SPF is the project's own check_host() (mailauth/spf/, RFC 7208), and
// the bundle serves DKIM, ARC and DMARC only. Left out with it: its domain validation (joi and the @hapi modules
// behind it) and its macro expander, 200 KB that would ship and never run. Reached anyway, it fails saying why.

export function spf(): Promise<never> {
  return Promise.reject(new Error("mailauth's SPF is not part of this build: SPF is checked by the project's check_host()"));
}
