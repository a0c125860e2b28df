// Before and after of a job: which jobs take snapshots, and a job over the bound keeping why it recorded no changes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JobChanges, notRecordedText, snapshotsSkipped, takesSnapshots } from '../../../../src/model/jobs/jobChanges';

describe('job changes: the snapshot bound', () => {
  it('takes snapshots of a process job up to the bound and skips them over it', () => {
    assert.strictEqual(takesSnapshots('processIdentities', 200, 200), true);
    assert.strictEqual(snapshotsSkipped('processIdentities', 200, 200), undefined);
    assert.strictEqual(takesSnapshots('processIdentities', 201, 200), false);
    assert.deepStrictEqual(snapshotsSkipped('processIdentities', 201, 200), { identities: 201, bound: 200 });
  });

  it('says nothing skipped when the bound is 0 (snapshots turned off) or the action takes none', () => {
    assert.strictEqual(snapshotsSkipped('resetIdentity', 5, 0), undefined);
    assert.strictEqual(snapshotsSkipped('inviteIdentities', 500, 200), undefined);
  });

  it('names the count, the bound and the setting', () => {
    assert.strictEqual(notRecordedText({ identities: 350, bound: 200 }), 'Changes not recorded: 350 identities is over the bound of 200 (iscExplorer.jobs.snapshotChangesUpTo)');
  });

  it('keeps a job\'s "not recorded" beside the journal, for the next window', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-changes-'));
    try {
      await new JobChanges(dir).noteNotRecorded('job-1', { identities: 350, bound: 200 });
      const reloaded = await new JobChanges(dir).get('job-1');
      assert.deepStrictEqual(reloaded?.notRecorded, { identities: 350, bound: 200 });
      assert.deepStrictEqual([reloaded?.changes, reloaded?.summary], [[], null]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
