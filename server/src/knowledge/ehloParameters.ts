// The parameters an EHLO reply line gives after its keyword (RFC 5321 §4.1.1.1 `ehlo-line = ehlo-keyword *(SP
// ehlo-param)`), checked for the keywords whose RFC fixes their form.
import { SERVER_LIMIT_NAMES } from './serverLimits';

/** A problem with the parameters, or undefined when they fit. `params` are the words after the keyword. */
export type EhloParameterCheck = (params: readonly string[]) => string | undefined;

// RFC 1870 §4: `SIZE [SP number]`, the largest message in octets (0: no fixed limit).
const size: EhloParameterCheck = (params) => {
  if (params.length === 0) return undefined;
  return params.length === 1 && /^\d{1,20}$/.test(params[0]) ? undefined : `SIZE takes one number of octets (RFC 1870 §4), not "${params.join(' ')}".`;
};

// RFC 4954 §3: mechanism names are 1-20 of upper-case letters, digits, "-" and "_" (RFC 4422 §3.1).
const auth: EhloParameterCheck = (params) => {
  const bad = params.find((mechanism) => !/^[A-Za-z0-9_-]{1,20}$/.test(mechanism));
  if (params.length === 0) return 'AUTH lists the SASL mechanisms the server offers (RFC 4954 §3): `AUTH PLAIN LOGIN`.';
  return bad === undefined ? undefined : `"${bad}" is not a SASL mechanism name (1-20 letters, digits, "-" or "_"; RFC 4422 §3.1).`;
};

// RFC 9422 §4: one or more `limit-name=value`, the value a number.
const limits: EhloParameterCheck = (params) => {
  if (params.length === 0) return `LIMITS lists at least one limit: ${SERVER_LIMIT_NAMES.map((name) => `${name}=n`).join(', ')} (RFC 9422 §4).`;
  const bad = params.find((param) => !/^[A-Za-z0-9-]+=\d{1,9}$/.test(param));
  if (bad !== undefined) return `"${bad}" is not \`limit-name=number\` (RFC 9422 §4).`;
  return undefined;
};

export const EHLO_PARAMETER_CHECKS: Readonly<Record<string, EhloParameterCheck>> = { SIZE: size, AUTH: auth, LIMITS: limits };
