import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isChosenPolicy, noticeTypeFor, readRegistration, SECRET_QUERY_PARAMETER } from '../registration/callbackRegistration';
import { callbackSecretMatches } from './callbackSecret';
import { classifyIncomingBody } from './classifyIncomingBody';
import { normalizeAlarm } from './normalizeAlarm';

/**
 * Answers a call without starting the workflow: n8n sends nothing itself for a
 * `noWebhookResponse` result, so the status is ours.
 */
function answerWithoutRun(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * The body as sent. n8n parses JSON only for `Content-Type: application/json`, which TCOP does
 * not document, so an unparsed body is read from the raw bytes.
 */
function incomingBody(context: IWebhookFunctions): unknown {
	const body = context.getBodyData() as unknown;
	const isEmptyObject = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
	if (body !== undefined && body !== null && !isEmptyObject) return body;
	const rawBody = (context.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (rawBody instanceof Uint8Array && rawBody.length > 0) return Buffer.from(rawBody).toString('utf8');
	return body;
}

/**
 * The trigger's webhook(): TCOP's URL check first (200, nothing starts: TCOP makes it while the
 * activation that stores the secret is still running, so it cannot be held to the secret), then the
 * secret (403, nothing starts), a body that is no alarm (400, nothing starts), and an alarm: answered
 * at once with TCOP's expected reply while the workflow starts with the normalized item.
 */
export async function receiveCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const call = classifyIncomingBody(incomingBody(this));
	if (call.kind === 'urlCheck') return { webhookResponse: { retCode: 0 } };

	const registration = readRegistration(this.getWorkflowStaticData('node'));
	const query = this.getQueryData() as IDataObject;
	if (!callbackSecretMatches(query[SECRET_QUERY_PARAMETER], registration?.secret)) {
		return answerWithoutRun(this, 403, { message: 'Forbidden: the callback URL\'s secret is missing or wrong' });
	}
	if (call.kind === 'notAnAlarm') {
		return answerWithoutRun(this, 400, { message: `Not a Tencent Cloud Observability alarm: ${call.reason}` });
	}

	const alarm = normalizeAlarm(call.body);
	const reply = { sessionId: call.body.sessionId ?? null, retCode: 0 };
	// A template the user chose may tell more than the node asks for (other policies bound to it,
	// the other kind of push): answered, not run. A push naming no policy cannot be told apart.
	const noticeType = noticeTypeFor(this.getNodeParameter('notifyOn', 'alarmsAndRecoveries'));
	const wantedKind = noticeType === 'ALL' || (noticeType === 'ALARM') === (alarm.state === 'firing');
	if (!wantedKind || !isChosenPolicy(alarm.policyId, registration?.policyIds)) return { webhookResponse: reply };
	// With workflowData, n8n answers an onReceived webhook with its `responseData` (default: the text
	// "firstEntryJson") and drops webhookResponse, so the reply TCOP waits for is sent here.
	this.getResponseObject().status(200).json(reply);
	return { noWebhookResponse: true, workflowData: [[{ json: alarm }]] };
}
