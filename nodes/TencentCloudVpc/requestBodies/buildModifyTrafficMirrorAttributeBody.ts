import type { IDataObject } from 'n8n-workflow';

export interface UpdateFieldsParameters {
	trafficMirrorName?: unknown;
	trafficMirrorDescription?: unknown;
}

/**
 * The ModifyTrafficMirrorAttribute body. A blank name is left out (a mirror must keep a name);
 * a description that was added is sent even when empty, which clears it.
 * The API spells the field TrafficMirrorDescription, unlike Create's TrafficMirrorDescribe.
 */
export function buildModifyTrafficMirrorAttributeBody(trafficMirrorId: string, updateFields: UpdateFieldsParameters): IDataObject {
	const body: IDataObject = { TrafficMirrorId: trafficMirrorId };
	const name = updateFields.trafficMirrorName;
	if (name !== undefined && name !== null && String(name).trim() !== '') body.TrafficMirrorName = String(name).trim();
	const description = updateFields.trafficMirrorDescription;
	if (description !== undefined && description !== null) body.TrafficMirrorDescription = String(description);
	return body;
}

/** Whether the body changes anything beyond naming the mirror. */
export function hasAttributeChanges(body: IDataObject): boolean {
	return body.TrafficMirrorName !== undefined || body.TrafficMirrorDescription !== undefined;
}
