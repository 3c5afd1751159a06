import { isThrottlingCode, mayHaveBeenApplied, throttleBackoffMs } from '../../nodes/TencentCloudVpc/helpers/retryPolicy';

describe('retry policy', () => {
	test.each(['RequestLimitExceeded', 'RequestLimitExceeded.IPLimitExceeded', 'RequestLimitExceeded.UinLimitExceeded'])(
		'%s is throttling, safe to retry',
		(code) => expect(isThrottlingCode(code)).toBe(true),
	);

	test.each(['InternalError', 'ServiceUnavailable', 'ResourceNotFound', 'LimitExceeded'])(
		'%s is not retried: it may have been applied, or will fail again',
		(code) => expect(isThrottlingCode(code)).toBe(false),
	);

	test('backs off exponentially with jitter, capped', () => {
		expect([0, 1, 2, 3].map((attempt) => throttleBackoffMs(attempt, () => 0))).toEqual([50, 100, 200, 400]);
		expect([0, 1, 2, 3].map((attempt) => throttleBackoffMs(attempt, () => 1))).toEqual([100, 200, 400, 800]);
		expect(throttleBackoffMs(20, () => 1)).toBe(2000);
	});
});

describe('mayHaveBeenApplied', () => {
	test.each([
		[{ networkErrorCode: 'ECONNABORTED' }, true],
		[{ networkErrorCode: 'ECONNRESET' }, true],
		[{ networkErrorCode: 'UNKNOWN' }, true],
		[{ networkErrorCode: 'ECONNREFUSED' }, false],
		[{ networkErrorCode: 'ENOTFOUND' }, false],
		[{ tencentCode: 'InternalError' }, true],
		[{ tencentCode: 'InternalError.DbError' }, true],
		[{ tencentCode: 'ServiceUnavailable' }, true],
		[{ tencentCode: 'ResourceNotFound' }, false],
		[{ tencentCode: 'RequestLimitExceeded' }, false],
		[{}, false],
	])('%j → %s', (failure, expected) => expect(mayHaveBeenApplied(failure)).toBe(expected));
});
