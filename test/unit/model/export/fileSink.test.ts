import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExportFile, partialPathOf } from '../../../../src/model/export/fileSink';

describe('ExportFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isc-export-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes to <target>.partial and renames it to the target on completion', async () => {
    const target = path.join(dir, 'out.csv');
    const file = await ExportFile.create(target);
    await file.write('é,1\r\n');
    assert.ok(fs.existsSync(partialPathOf(target)));
    assert.ok(!fs.existsSync(target), 'no file under the chosen name before the export completed');
    assert.strictEqual(file.bytes, 6);
    await file.complete();
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'é,1\r\n');
    assert.ok(!fs.existsSync(partialPathOf(target)));
  });

  it('removes the partial file when discarded', async () => {
    const target = path.join(dir, 'out.csv');
    const file = await ExportFile.create(target);
    await file.write('x');
    await file.discard();
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('resumes a partial file cut back to its last complete page', async () => {
    const target = path.join(dir, 'out.csv');
    const file = await ExportFile.create(target);
    await file.write('head\r\npage1\r\n');
    const checkpointBytes = file.bytes;
    await file.write('half a pa');
    await file.close();
    const resumed = await ExportFile.resume(target, checkpointBytes);
    await resumed.write('page2\r\n');
    await resumed.complete();
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'head\r\npage1\r\npage2\r\n');
  });

  it('refuses to resume a partial file shorter than its checkpoint', async () => {
    const target = path.join(dir, 'out.csv');
    fs.writeFileSync(partialPathOf(target), 'abc');
    await assert.rejects(ExportFile.resume(target, 10), /fewer than/);
  });
});
