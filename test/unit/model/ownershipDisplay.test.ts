import * as assert from 'assert';
import { ENGLISH_OWNERSHIP_WORDS, associationTypeName } from '../../../src/model/ownershipDisplay';

describe('ownership group names', () => {
  it('names the documented association types with the words it is given', () => {
    const words = { roleOwner: 'Rollenbesitzer', sourceOwner: 'Quellenbesitzer', campaignOwner: 'Kampagnenbesitzer' };
    assert.strictEqual(associationTypeName('ROLE_OWNER', words), 'Rollenbesitzer');
    assert.strictEqual(associationTypeName('SOURCE_OWNER', words), 'Quellenbesitzer');
    assert.strictEqual(associationTypeName('CAMPAIGN_OWNER', words), 'Kampagnenbesitzer');
  });

  it('uses English words by default', () => {
    assert.strictEqual(associationTypeName('ROLE_OWNER'), ENGLISH_OWNERSHIP_WORDS.roleOwner);
    assert.strictEqual(associationTypeName('ROLE_OWNER'), 'Role owner');
  });

  it('writes an undocumented type as its code in sentence case, and an inherited key as no known type', () => {
    assert.strictEqual(associationTypeName('ACCESS_PROFILE_OWNER'), 'Access profile owner');
    assert.strictEqual(associationTypeName('constructor'), 'Constructor');
    assert.strictEqual(associationTypeName('__'), '__');
  });
});
