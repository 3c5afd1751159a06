import {
	backoffMs,
	hasTimeForRetry,
	isReadOnlyAction,
	isThrottlingCode,
	isTransientFailure,
	mayHaveBeenApplied,
} from '../../nodes/TencentCloudVpc/transport/policy/retryPolicy';

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
		expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, () => 0))).toEqual([50, 100, 200, 400]);
		expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, () => 1))).toEqual([100, 200, 400, 800]);
		expect(backoffMs(20, () => 1)).toBe(2000);
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

describe('what is retried when', () => {
	test.each([
		['DescribeTrafficMirrors', true],
		['DescribeNetworkInterfaces', true],
		['CheckTrafficMirror', true],
		['CreateTrafficMirror', false],
		['DeleteTrafficMirror', false],
		['StartTrafficMirror', false],
	])('%s is read-only: %s', (action, expected) => expect(isReadOnlyAction(action)).toBe(expected));

	test.each([
		[{ tencentCode: 'InternalError' }, true],
		[{ tencentCode: 'ServiceUnavailable' }, true],
		[{ networkErrorCode: 'ECONNRESET' }, true],
		[{ networkErrorCode: 'ECONNREFUSED' }, true],
		[{ networkErrorCode: 'ERR_INVALID_URL' }, false],
		[{ tencentCode: 'InvalidParameterValue' }, false],
		[{ tencentCode: 'AuthFailure.SignatureFailure' }, false],
	])('%j is transient: %s', (failure, expected) => expect(isTransientFailure(failure)).toBe(expected));

	test('another attempt only when its backoff and a minimal attempt fit before the deadline', () => {
		expect(hasTimeForRetry(1000, 2000, 500)).toBe(true);
		expect(hasTimeForRetry(1000, 2000, 900)).toBe(false);
		expect(hasTimeForRetry(1000, 1100, 0)).toBe(false);
	});
});
