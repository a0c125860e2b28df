// The name an ownership group is shown under: its association type (ROLE_OWNER, …) in words. No `vscode` import:
// the details page uses it in the browser, with the words its host localized.

/** Names of the association types ISC documents; the host passes localized ones. */
export interface OwnershipWords {
  roleOwner: string;
  sourceOwner: string;
  campaignOwner: string;
}

export const ENGLISH_OWNERSHIP_WORDS: OwnershipWords = {
  roleOwner: 'Role owner',
  sourceOwner: 'Source owner',
  campaignOwner: 'Campaign owner',
};

const KNOWN_TYPES: Readonly<Record<string, keyof OwnershipWords>> = {
  ROLE_OWNER: 'roleOwner',
  SOURCE_OWNER: 'sourceOwner',
  CAMPAIGN_OWNER: 'campaignOwner',
};

/** ROLE_OWNER -> "Role owner" (in `words`); a type ISC has not documented is its code in sentence case. */
export function associationTypeName(type: string, words: OwnershipWords = ENGLISH_OWNERSHIP_WORDS): string {
  const known = Object.prototype.hasOwnProperty.call(KNOWN_TYPES, type) ? KNOWN_TYPES[type] : undefined;
  if (known) return words[known];
  const parts = type.toLowerCase().split(/[_\s]+/).filter(Boolean);
  if (parts.length === 0) return type;
  const text = parts.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
