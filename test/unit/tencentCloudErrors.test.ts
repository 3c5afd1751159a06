import {
	describeTencentCloudError,
	extractTencentCloudError,
	hintForTencentCloudError,
} from '../../nodes/TencentCloudVpc/transport/policy/tencentCloudErrors';

describe('Tencent Cloud errors', () => {
	test('reads Response.Error with its RequestId, and nothing from a success', () => {
		expect(
			extractTencentCloudError({
				Response: { Error: { Code: 'ResourceNotFound', Message: 'no vpc' }, RequestId: 'req-1' },
			}),
		).toEqual({ code: 'ResourceNotFound', message: 'no vpc', requestId: 'req-1' });
		expect(extractTencentCloudError({ Response: { RequestId: 'req-2', TrafficMirror: {} } })).toBeUndefined();
	});

	test.each([
		['AuthFailure.SignatureExpire', /clock/],
		['AuthFailure.TokenFailure', /Session Token/],
		['AuthFailure.SecretIdNotFound', /Secret ID/],
		['AuthFailure.SomethingNew', /credential/],
		['UnsupportedRegion', /region/],
		['InvalidParameterValue.ObjectVpcNotCurrentVpc', /Collector Srcs/],
		['InvalidParameterValue.Malformed', /field/],
		['InvalidParameter.Coexist', /NAT/],
	])('gives %s a hint that says what to check', (code, hint) => {
		expect(hintForTencentCloudError(code)).toMatch(hint);
	});

	test('has no hint for a code it does not know', () => {
		expect(hintForTencentCloudError('FailedOperation.Something')).toBeUndefined();
	});

	test('puts code, message and RequestId in the message and the hint in the description', () => {
		expect(
			describeTencentCloudError({ code: 'UnsupportedRegion', message: 'The region is not supported', requestId: 'req-9' }),
		).toEqual({
			message: 'Tencent Cloud error UnsupportedRegion: The region is not supported (RequestId req-9)',
			description: expect.stringMatching(/region/),
		});
	});
});
