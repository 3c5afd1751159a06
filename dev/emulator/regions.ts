/** The regions CreateTrafficMirror's documentation lists; the emulator serves all actions in these only. */
export const SUPPORTED_REGIONS: readonly string[] = [
	'ap-bangkok',
	'ap-beijing',
	'ap-chengdu',
	'ap-chongqing',
	'ap-guangzhou',
	'ap-hongkong',
	'ap-jakarta',
	'ap-nanjing',
	'ap-seoul',
	'ap-shanghai',
	'ap-shanghai-fsi',
	'ap-shenzhen-fsi',
	'ap-singapore',
	'ap-tokyo',
	'eu-frankfurt',
	'na-ashburn',
	'na-siliconvalley',
	'sa-saopaulo',
];

export const API_VERSION = '2017-03-12';
export const SERVICE = 'vpc';
