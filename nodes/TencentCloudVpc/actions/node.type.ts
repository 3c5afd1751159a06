/** Every resource and its operations, so the router's switch is checked by the compiler. */
type NodeMap = {
	trafficMirror: 'create';
};

export type TencentCloudVpcType = {
	[Resource in keyof NodeMap]: { resource: Resource; operation: NodeMap[Resource] };
}[keyof NodeMap];
