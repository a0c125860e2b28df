// Fixed identities that exist in every simulated tenant, whatever the seed or identity count.
// Tests import FIXTURE_IDS / HOSTILE_NAME; the ids are 32 lowercase hex characters like real ISC ids.

import type { IdentityRecord, OwnedEntity } from './model';

export const FIXTURE_IDS = {
  obrien: '0b71e4c1a3d54f1e9a2b7c3d4e5f6a01',
  hostile: 'bad0c0de5c71a4e19f00d1e5e1e5ba02',
  protectedIdentity: 'c0de9a07ec7ed0a4b1c2d3e4f5a6b703',
  owner: '0a2e4c1e0b2c4d6e8f0a1b2c3d4e5f04',
  manager: '3a2a6e4c1b2d4f6a8c0e1a3c5e7a9b05',
  unregistered: '2a2e6157e4ed4c0a9b8c7d6e5f4a3b06',
  manyRoles: '3a2f4011e5a64c7d8e9f0a1b2c3d4e07',
} as const;

export type FixtureKey = keyof typeof FIXTURE_IDS;

export const OBRIEN_NAME = 'O"Brien \\ #1 & co';

export const HOSTILE_SCRIPT = '<script>window.__pwned=1</script>';
export const HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_LINK = 'javascript:window.__pwned=1';
const HOSTILE_CLOSE_SCRIPT = '</script><script>window.__pwned=1</script>';
const HOSTILE_TEMPLATE = "{{constructor.constructor('window.__pwned=1')()}}";
const HOSTILE_DOLLAR = '${window.__pwned=1}';
const HOSTILE_BIDI = '\u202Egnp.exe\u202C';
const HOSTILE_EMOJI = '😈🔥👩‍💻';

export const HOSTILE_NAME = `${HOSTILE_IMG}${HOSTILE_SCRIPT} ${HOSTILE_BIDI} ${HOSTILE_TEMPLATE} ${HOSTILE_DOLLAR} ${HOSTILE_EMOJI}`;

/** A ~100 KB attribute value (hostile markup in the middle, so truncation alone does not neutralise it). */
export const HOSTILE_BIG_VALUE = 'A'.repeat(50 * 1024) + HOSTILE_SCRIPT + 'B'.repeat(50 * 1024);

/** All hostile snippets, for tests that check none of them got executed or rendered as markup. */
export const HOSTILE_STRINGS: readonly string[] = [
  HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_LINK, HOSTILE_CLOSE_SCRIPT, HOSTILE_TEMPLATE, HOSTILE_DOLLAR, HOSTILE_BIDI,
  HOSTILE_EMOJI,
];

const HOSTILE_EMAIL = `"${HOSTILE_SCRIPT}"@evil.example`;

function hostileAttributes(): Record<string, unknown> {
  return {
    uid: `"><svg onload=window.__pwned=1>`,
    firstname: HOSTILE_IMG,
    lastname: HOSTILE_SCRIPT,
    displayName: HOSTILE_NAME,
    email: HOSTILE_EMAIL,
    department: HOSTILE_CLOSE_SCRIPT,
    jobTitle: HOSTILE_TEMPLATE,
    location: HOSTILE_DOLLAR,
    city: HOSTILE_BIDI,
    country: HOSTILE_EMOJI,
    cloudLifecycleState: 'active',
    cloudStatus: 'ACTIVE',
    identificationNumber: `${HOSTILE_IMG}0`,
    lastSyncDate: 1759392891207,
    website: HOSTILE_LINK,
    homepage: ` ${HOSTILE_LINK.toUpperCase()}`,
    profileUrl: `data:text/html,${HOSTILE_SCRIPT}`,
    nullish: 'before\u0000after',
    controlChars: 'tab\there\nnewline\rreturn\u0007bell\u001bescape',
    bigValue: HOSTILE_BIG_VALUE,
    multi: [HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_LINK],
    nested: { html: HOSTILE_IMG, deeper: { template: HOSTILE_TEMPLATE, list: [HOSTILE_CLOSE_SCRIPT] } },
    [HOSTILE_IMG]: 'the attribute NAME is hostile too',
    __proto__x: HOSTILE_DOLLAR,
  };
}

const OWNER_OWNERSHIP: OwnedEntity[] = [
  { associationType: 'ROLE_OWNER', id: 'e7697a1e96d04db1ac7b0f4544915d2c', name: 'Engineer', type: 'ROLE' },
  { associationType: 'ROLE_OWNER', id: '5b0a4e1f2c3d4e5f6a7b8c9d0e1f2a3b', name: 'R&D Lab Access', type: 'ROLE' },
  { associationType: 'SOURCE_OWNER', id: '5c71ff71195b4794a0b87e7cf36fb017', name: 'Active Directory', type: 'SOURCE' },
  { associationType: 'SOURCE_OWNER', id: '6d82aa82206c48a5b1c98f8d047ac128', name: 'Workday', type: 'SOURCE' },
  {
    associationType: 'ACCESS_PROFILE_OWNER', id: '4f1baca895fa45ebada410ab40744330', name: 'AD Engineering Groups',
    type: 'ACCESS_PROFILE',
  },
];

type FixtureSpec = Partial<IdentityRecord> & Pick<IdentityRecord, 'id' | 'name' | 'firstname' | 'lastname' | 'alias'>;

/** Field values of the fixtures; the generator fills dates, index and the remaining defaults. */
export const FIXTURE_SPECS: Readonly<Record<FixtureKey, FixtureSpec>> = {
  obrien: {
    id: FIXTURE_IDS.obrien, name: OBRIEN_NAME, firstname: 'O"Brien', lastname: '\\ #1 & co', alias: 'obrien',
    email: 'obrien@acme.example', roleCount: 3,
  },
  hostile: {
    id: FIXTURE_IDS.hostile, name: HOSTILE_NAME, firstname: HOSTILE_IMG, lastname: HOSTILE_SCRIPT,
    alias: `"><svg onload=window.__pwned=1>`, email: HOSTILE_EMAIL, roleCount: 2, fixedAttributes: hostileAttributes(),
  },
  protectedIdentity: {
    id: FIXTURE_IDS.protectedIdentity, name: 'Petra Protégée', firstname: 'Petra', lastname: 'Protégée',
    alias: 'petra.protegee', email: 'petra.protegee@acme.example', protected: true, roleCount: 4,
  },
  owner: {
    id: FIXTURE_IDS.owner, name: 'Olivia Owner', firstname: 'Olivia', lastname: 'Owner', alias: 'olivia.owner',
    email: 'olivia.owner@acme.example', owner: true, fixedOwnership: OWNER_OWNERSHIP, roleCount: 5,
  },
  manager: {
    id: FIXTURE_IDS.manager, name: 'Maja Łukasiewicz-Manager', firstname: 'Maja', lastname: 'Łukasiewicz-Manager',
    alias: 'maja.manager', email: 'maja.manager@acme.example', isManager: true, roleCount: 6,
  },
  unregistered: {
    id: FIXTURE_IDS.unregistered, name: 'Ulla Unregistered', firstname: 'Ulla', lastname: 'Unregistered',
    alias: 'ulla.unregistered', email: 'ulla.unregistered@acme.example', identityStatus: 'UNREGISTERED',
    registered: false, invited: false, roleCount: 1,
  },
  manyRoles: {
    id: FIXTURE_IDS.manyRoles, name: 'Rolf Many-Roles', firstname: 'Rolf', lastname: 'Many-Roles',
    alias: 'rolf.manyroles', email: 'rolf.manyroles@acme.example', roleCount: 30,
  },
};

export const FIXTURE_KEYS = Object.keys(FIXTURE_IDS) as FixtureKey[];

/** Fixtures whose managerRef points at the manager fixture (besides some generated identities). */
export const MANAGED_BY_MANAGER_FIXTURE: readonly FixtureKey[] = ['obrien', 'hostile', 'unregistered', 'manyRoles'];
