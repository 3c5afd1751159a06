import type { IDataObject } from 'n8n-workflow';

/** Tencent's answer envelope: `Response` holds either the result or `Error`. */
export interface TencentCloudResponse<T extends IDataObject = IDataObject> {
	Response: T & {
		RequestId: string;
		Error?: { Code: string; Message: string };
	};
}

/** A TrafficMirror as Tencent returns it; fields are passed through untouched. */
export interface TrafficMirror extends IDataObject {
	TrafficMirrorId: string;
	TrafficMirrorName: string;
	VpcId: string;
	State: string;
}
