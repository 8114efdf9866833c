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

// RFC 9422 §3: `limits-param = limit-name-value 0*[SP limit-name-value]`, `limit-name-value = limit-name ["="
// limit-value]`, names of letters, digits, "-" and "_", values any VCHAR but ";"; the registered limits (§4) count, so
// their values are numbers.
const limits: EhloParameterCheck = (params) => {
  if (params.length === 0) return `LIMITS lists at least one limit: ${SERVER_LIMIT_NAMES.map((name) => `${name}=n`).join(', ')} (RFC 9422 §3).`;
  for (const param of params) {
    const match = /^([A-Za-z0-9_-]+)(?:=([\x21-\x3A\x3C-\x7E]+))?$/.exec(param);
    if (!match) return `"${param}" is not \`limit-name[=value]\` (RFC 9422 §3).`;
    const registered = (SERVER_LIMIT_NAMES as readonly string[]).includes(match[1].toUpperCase());
    if (registered && !/^\d{1,9}$/.test(match[2] ?? '')) return `${match[1].toUpperCase()} takes a number, \`${match[1].toUpperCase()}=n\` (RFC 9422 §4), not "${param}".`;
  }
  return undefined;
};

export const EHLO_PARAMETER_CHECKS: Readonly<Record<string, EhloParameterCheck>> = { SIZE: size, AUTH: auth, LIMITS: limits };
