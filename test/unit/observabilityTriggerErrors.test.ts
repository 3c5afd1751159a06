import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { monitorStep } from '../../nodes/TencentCloudObservabilityTrigger/monitor/alarmNotices';
import type { TencentCloudClient } from '../../nodes/TencentCloudVpc/transport';
import { hintForTencentCloudError, isResourceNotFound } from '../../nodes/TencentCloudVpc/transport/policy/tencentCloudErrors';

const node: INode = {
	id: 'trigger',
	name: 'TCOP Alarm',
	type: 'n8n-nodes-tencentcloud-vpc.tencentCloudObservabilityTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const client = { node } as TencentCloudClient;

describe('a failed Monitor step', () => {
	test('names the step and keeps Tencent\'s code', async () => {
		const tencentError = new NodeApiError(node, { Code: 'InvalidParameterValue', Message: 'bad' }, { message: 'Tencent Cloud error InvalidParameterValue: bad' });
		tencentError.context.tencentCode = 'InvalidParameterValue';
		const failure = monitorStep(client, 'create notification template "n8n x"', async () => {
			throw tencentError;
		});
		await expect(failure).rejects.toThrow('Could not create notification template "n8n x": Tencent Cloud error InvalidParameterValue: bad');
		await expect(failure).rejects.toMatchObject({ context: { tencentCode: 'InvalidParameterValue' } });
	});

	test('never shows the callback secret, even when Tencent\'s message quotes the URL', async () => {
		const secret = 'Zk3pQ9vTz2LmA7cRw8NbY1dEabcdefgh';
		const quoted = `URL http://n8n.example/webhook/x/webhook?secret=${secret} is invalid`;
		let caught: NodeApiError | undefined;
		try {
			await monitorStep(
				client,
				'add the callback URL to notification template notice-1',
				async () => {
					throw new NodeApiError(node, { Code: 'InvalidParameterValue', Message: quoted }, { message: quoted, description: quoted });
				},
				secret,
			);
		} catch (error) {
			caught = error as NodeApiError;
		}
		expect(caught).toBeInstanceOf(NodeApiError);
		expect(caught!.message).toContain('?secret=***');
		expect(JSON.stringify({ message: caught!.message, description: caught!.description, cause: caught!.cause, messages: caught!.messages })).not.toContain(secret);
	});

	test('a plain error becomes a NodeOperationError naming the step', async () => {
		await expect(
			monitorStep(client, 'list the alarm policies', async () => {
				throw new Error('socket hang up');
			}),
		).rejects.toThrow('Could not list the alarm policies: socket hang up');
	});
});

test('Monitor\'s codes get Monitor\'s hints, VPC\'s keep theirs', () => {
	expect(hintForTencentCloudError('UnauthorizedOperation', 'monitor')).toMatch(/monitor:\*/);
	expect(hintForTencentCloudError('UnauthorizedOperation')).toMatch(/QcloudVPCFullAccess/);
	expect(hintForTencentCloudError('ResourceNotFound', 'monitor')).toMatch(/notification template or alarm policy/);
	expect(hintForTencentCloudError('ResourceNotFound')).toMatch(/VPC, ENI/);
	expect(hintForTencentCloudError('AuthFailure.SignatureFailure', 'monitor')).toMatch(/Secret Key/);
});

test('"already gone" is ResourceNotFound and its sub-codes only', () => {
	expect(isResourceNotFound({ context: { tencentCode: 'ResourceNotFound' } })).toBe(true);
	expect(isResourceNotFound({ context: { tencentCode: 'ResourceNotFound.NoticeNotFound' } })).toBe(true);
	expect(isResourceNotFound({ context: { tencentCode: 'ResourceNotFoundish' } })).toBe(false);
	expect(isResourceNotFound({ context: { tencentCode: 'InternalError' } })).toBe(false);
	expect(isResourceNotFound(new Error('ResourceNotFound'))).toBe(false);
});
