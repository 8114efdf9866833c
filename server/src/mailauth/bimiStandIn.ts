// Stands in for mailauth/lib/bimi and mailauth/lib/bimi/validate-svg inside the mailauth vendor bundle (esbuild.mjs):
// authenticate() reaches BIMI only without disableBimi (mailauth/lib/mailauth.js), and authenticateMessage.ts, the
// one caller, always passes it, while the other BIMI exports are not served by the bundle. Left out with them: the VMC
// certificate checks (@postalsys/vmc, asn1js), the SVG parser (fast-xml-parser) and the HTTP client (undici), 330 KB
// that would ship and never run. Reached anyway, each fails with a message that says why.

const notInThisBuild = (): Error => new Error('BIMI is not part of this build: mailauth runs with disableBimi');

export function bimi(): Promise<never> {
  return Promise.reject(notInThisBuild());
}

export function validateVMC(): Promise<never> {
  return Promise.reject(notInThisBuild());
}

export function validateSvg(): never {
  throw notInThisBuild();
}
