import type { IDataObject } from 'n8n-workflow';

/** A TrafficMirror as Tencent returns it; fields are passed through untouched. */
export interface TrafficMirror extends IDataObject {
	TrafficMirrorId: string;
	TrafficMirrorName: string;
	VpcId: string;
	State: string;
}
