import type { Operation } from 'openapi-backend';
import type { Identity } from './identity';

export const SCOPE_PREFIX = 'scope:document:management:consult:ws-eboxrestentreprise:';

/** The e-Box scopes, by the last segment of their name. */
export const SCOPE_NAMES = ['summaryownebox', 'summaryallebox', 'messagesfull', 'referencedata', 'publicationsender', 'certification'] as const;

export const CONSULTATION_SCOPES = ['summaryownebox', 'summaryallebox', 'messagesfull', 'referencedata'].map((s) => SCOPE_PREFIX + s);

/**
 * The scope alternatives an operation accepts, read from its `security` in the
 * contract: one inner list per alternative, every scope of which is needed.
 */
export function scopeAlternatives(operation: Operation): string[][] {
  return (operation.security ?? []).map((requirement) => Object.values(requirement).flat());
}

/** The first missing scope (to name in the 403), or undefined when one alternative is satisfied. */
export function missingScope(identity: Identity, alternatives: string[][]): string | undefined {
  if (alternatives.length === 0) return undefined;
  const satisfied = alternatives.some((needed) => needed.every((scope) => identity.scopes.has(scope)));
  return satisfied ? undefined : alternatives[0].find((scope) => !identity.scopes.has(scope)) ?? alternatives[0][0];
}

/** The scope the contract names for resetDataSet; an operator may have been granted another name (CERTIFICATION_SCOPE). */
export const CONTRACT_CERTIFICATION_SCOPE = SCOPE_PREFIX + 'certification';

/** The alternatives with the contract's certification scope replaced by the configured one. */
export function configuredScopes(alternatives: string[][], certificationScope: string): string[][] {
  return alternatives.map((needed) => needed.map((scope) => (scope === CONTRACT_CERTIFICATION_SCOPE ? certificationScope : scope)));
}
