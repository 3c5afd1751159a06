/** Every resource and its operations, so the router's switch is checked by the compiler. */
type NodeMap = {
	trafficMirror:
		| 'check'
		| 'create'
		| 'delete'
		| 'get'
		| 'getMany'
		| 'resetFilters'
		| 'resetSources'
		| 'resetTarget'
		| 'start'
		| 'stop'
		| 'update'
		| 'updateAllFilters'
		| 'updateDirection';
};

export type TencentCloudVpcType = {
	[Resource in keyof NodeMap]: { resource: Resource; operation: NodeMap[Resource] };
}[keyof NodeMap];
