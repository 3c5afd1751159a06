import { TENCENT_CLOUD_API_VERSIONS } from './tencentCloudApiVersions';
import { TC_HEADERS } from './tencentCloudHeaders';

/** Which Tencent Cloud API a call is for, and the version it speaks. */

/** `cvm.ap-guangzhou.tencentcloudapi.com` → `cvm`; Tencent's hosts all name the service first. */
const TENCENT_CLOUD_API_HOST = /^([a-z0-9]+)(?:\.[a-z0-9-]+)*\.tencentcloudapi\.com$/;

const SERVICE_NAME = /^[a-z][a-z0-9]*$/;

const API_VERSION = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The credential scope's service: the X-TC-Service header when given (it names the service of a
 * private or local endpoint), otherwise the first label of a `*.tencentcloudapi.com` host.
 */
export function resolveService(serviceHeader: string | undefined, hostname: string): string {
	const given = (serviceHeader ?? '').trim();
	if (given !== '') {
		if (!SERVICE_NAME.test(given)) {
			throw new Error(
				`${TC_HEADERS.service} "${given}" is not a Tencent Cloud service name: use the lower-case name of the API, e.g. cvm, tag, monitor`,
			);
		}
		return given;
	}
	const match = TENCENT_CLOUD_API_HOST.exec(hostname.toLowerCase());
	if (match) return match[1];
	throw new Error(
		`Tencent Cloud cannot tell the service from the host "${hostname}": add the header ${TC_HEADERS.service} with the service's name (e.g. cvm). It is used to sign the request and is not sent.`,
	);
}

/** The versions Tencent publishes for a service, newest first; undefined for a service not in the table. */
export function knownApiVersions(service: string): readonly string[] | undefined {
	return Object.prototype.hasOwnProperty.call(TENCENT_CLOUD_API_VERSIONS, service)
		? TENCENT_CLOUD_API_VERSIONS[service]
		: undefined;
}

/** X-TC-Version when given, otherwise the service's only version. */
export function resolveApiVersion(service: string, versionHeader: string | undefined): string {
	const given = (versionHeader ?? '').trim();
	if (given !== '') {
		if (!API_VERSION.test(given)) {
			throw new Error(`${TC_HEADERS.version} "${given}" is not an API version: Tencent Cloud versions look like 2017-03-12`);
		}
		return given;
	}
	const versions = knownApiVersions(service);
	if (!versions) {
		throw new Error(
			`Tencent Cloud service "${service}" is not in this credential's table of API versions: set the header ${TC_HEADERS.version} to the version in the API's documentation (e.g. 2017-03-12)`,
		);
	}
	if (versions.length > 1) {
		throw new Error(
			`Tencent Cloud service "${service}" has several API versions (${versions.join(', ')}): set the header ${TC_HEADERS.version} to the one you call`,
		);
	}
	return versions[0];
}
