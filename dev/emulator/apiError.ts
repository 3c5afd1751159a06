/** An API-level failure: answered as HTTP 200 {"Response":{"Error":{Code,Message},RequestId}}. */
export class ApiError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'ApiError';
	}
}

export function apiError(code: string, message: string): ApiError {
	return new ApiError(code, message);
}
