// The credential's Test button: its request names service and version like any caller and takes
// the one signing path, over real HTTP to the emulator.
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { DEMO_KEY } from '../../dev/emulator';
import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { emulatorForTests } from '../support/emulatorSuite';

const emulator = emulatorForTests({ rateLimit: 0 });
const credentialType = new TencentCloudApi();

/** Signs the Test request as n8n does and sends it; returns Tencent's answer. */
async function pressTest(secretKey: string): Promise<IDataObject> {
	const credentials = { secretId: DEMO_KEY.secretId, secretKey, sessionToken: '', site: 'intl', endpoint: emulator.url, extraSignedHosts: '' };
	const request = structuredClone(credentialType.test.request) as IHttpRequestOptions;
	const signed = await credentialType.authenticate(credentials, request);
	const response = await fetch(signed.url, {
		method: signed.method,
		headers: signed.headers as Record<string, string>,
		body: signed.body as string,
	});
	return (await response.json()) as IDataObject;
}

/** The message of the credential's first rule that matches the answer, as n8n picks it. */
function ruleMessage(answer: IDataObject): string | undefined {
	const code = ((answer.Response as IDataObject).Error as IDataObject | undefined)?.Code;
	const rule = (credentialType.test.rules ?? []).find((r) => r.type === 'responseSuccessBody' && r.properties.value === code);
	return rule?.type === 'responseSuccessBody' ? rule.properties.message : undefined;
}

describe('the credential Test', () => {
	test('a working key: DescribeVpcs in ap-guangzhou for VPC 2017-03-12, signed and accepted', async () => {
		const answer = await pressTest(DEMO_KEY.secretKey);
		expect((answer.Response as IDataObject).Error).toBeUndefined();
		expect(ruleMessage(answer)).toBeUndefined();
		expect(emulator.log).toHaveLength(1);
		const [entry] = emulator.log;
		expect(entry).toMatchObject({ action: 'DescribeVpcs', region: 'ap-guangzhou', signatureVerdict: 'ok', code: 'Success' });
		expect(entry.headers['x-tc-version']).toBe('2017-03-12');
		expect(entry.headers.authorization).toMatch(/\/vpc\/tc3_request, /);
		expect(entry.headers['x-tc-service']).toBeUndefined();
	});

	test('a wrong Secret Key: Tencent\'s SignatureFailure, told by the credential\'s rule', async () => {
		const answer = await pressTest('not-the-secret-key');
		expect(ruleMessage(answer)).toBe('Signature rejected: the Secret Key does not match the Secret ID (AuthFailure.SignatureFailure)');
	});
});
