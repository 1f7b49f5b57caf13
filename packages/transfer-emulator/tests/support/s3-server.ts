import { createTempDir } from '@closed-ftp/test-support';
import S3rver from 's3rver';

export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalS3 {
  endpoint: string;
  close(): Promise<void>;
}

/** s3rver (a local S3-compatible server from npm, speaking the S3 REST API incl. multipart) with the given buckets. */
export async function startLocalS3(buckets: string[] = ['bucket']): Promise<LocalS3> {
  const temp = await createTempDir('transfer-emulator-s3');
  const directory = temp.path;
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  fixDelimitedListing(s3);
  const { port } = await s3.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      await s3.close();
      await temp.remove();
    },
  };
}

interface StoredObject {
  key: string;
}
interface ListResult {
  objects: StoredObject[];
  commonPrefixes: string[];
  isTruncated: boolean;
}
type ListObjects = (bucket: string, options: Record<string, unknown>) => Promise<ListResult>;

/**
 * s3rver 3.7.1 prunes its directory walk below each common prefix before looking inside, so a prefix whose keys all
 * lie two or more levels deeper (`a/` when only `a/b/c` exists) is missing from a delimited listing; real S3 lists
 * it. Fixed here by listing without the delimiter and grouping as S3 does (fine for the few keys of a test).
 */
function fixDelimitedListing(s3: S3rver): void {
  const store = (s3 as unknown as { store: { listObjects: ListObjects } }).store;
  const original = store.listObjects.bind(store);
  store.listObjects = async (bucket, options) => {
    const delimiter = options.delimiter as string | undefined;
    if (!delimiter) return original(bucket, options);
    const prefix = (options.prefix as string | undefined) ?? '';
    const maxKeys = (options.maxKeys as number | undefined) ?? Number.POSITIVE_INFINITY;
    const all = await original(bucket, { ...options, delimiter: undefined, maxKeys: Number.POSITIVE_INFINITY });
    const commonPrefixes = new Set<string>();
    const objects: StoredObject[] = [];
    let isTruncated = false;
    for (const object of all.objects) {
      const index = object.key.slice(prefix.length).indexOf(delimiter);
      if (index !== -1) commonPrefixes.add(object.key.slice(0, prefix.length + index + 1));
      else if (objects.length < maxKeys) objects.push(object);
      else isTruncated = true;
    }
    return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated };
  };
}
