// Whether a failed write may have been carried out: the line between "failed" and "outcome unknown".
import * as assert from 'assert';
import { IscApiError, writeMayHaveActed } from '../../../src/api/errors';
import type { IscErrorKind } from '../../../src/api/errors';

const error = (kind: IscErrorKind, requestSent?: boolean): IscApiError =>
  new IscApiError({ kind, operation: 'reset-identity', message: kind, requestSent });

describe('writeMayHaveActed', () => {
  it('says ISC did not act on a 4xx or 429 answer', () => {
    assert.deepStrictEqual(['auth', 'forbidden', 'notFound', 'badRequest', 'rateLimited'].map((k) => writeMayHaveActed(error(k as IscErrorKind))), [false, false, false, false, false]);
  });

  it('says ISC may have acted on a 5xx, an unreadable 2xx or a network failure after sending', () => {
    assert.deepStrictEqual([writeMayHaveActed(error('server')), writeMayHaveActed(error('badResponse')), writeMayHaveActed(error('network'))], [true, true, true]);
  });

  it('says ISC did not act when the request was certainly never sent', () => {
    assert.strictEqual(writeMayHaveActed(error('network', false)), false);
  });

  it('counts a cancel as unknown only once the request was sent', () => {
    assert.deepStrictEqual([writeMayHaveActed(error('aborted', true)), writeMayHaveActed(error('aborted'))], [true, false]);
  });

  it('treats a failure that is not an ISC error as unknown', () => {
    assert.strictEqual(writeMayHaveActed(new Error('boom')), true);
  });
});
