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
  const { port } = await s3.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      await s3.close();
      await temp.remove();
    },
  };
}
