// Tencent's published TC3 examples (test/fixtures/reference, vendored from the shared reference);
// both signers (the credential's and the emulator's) are checked against this one copy.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface PublishedTc3Vector {
	name: string;
	method: string;
	host: string;
	service: string;
	path: string;
	query: string;
	contentType: string;
	body: string;
	timestamp: number;
	expectedDate: string;
	/** Despite its name: the hashed request payload, the canonical request's last line. */
	expectedCanonicalRequestHash?: string;
	expectedSignature: string;
	expectedAuthorization?: string;
}

export interface PublishedTc3Vectors {
	secretId: string;
	secretKey: string;
	vectors: PublishedTc3Vector[];
}

export const PUBLISHED_TC3_VECTORS = JSON.parse(
	readFileSync(path.join(__dirname, '..', 'fixtures', 'reference', 'tc3-signature-vectors.json'), 'utf8'),
) as PublishedTc3Vectors;
