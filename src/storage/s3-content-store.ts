import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { assertContentKey, ContentExists, ContentNotFound, type ContentStore } from './content-store';

export interface S3Settings {
  /** The service's endpoint, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Keys start with this (several installations may share a bucket). */
  prefix: string;
  /** Path-style addressing (MinIO, Ceph and most self-hosted servers need it). */
  forcePathStyle: boolean;
}

/**
 * A client for S3-compatible storage (file contents here, backups in backup/backup-target.ts).
 * The SDK's default streams bodies with a trailing CRC (aws-chunked), which many S3-compatible
 * servers store verbatim; we check our own SHA-256 instead (the library's, the manifest's).
 */
export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * File bytes in S3-compatible object storage. The body is streamed with its length known from
 * the intake (no multipart buffering); the object's SHA-256 is sent for the server to verify
 * where it can, and kept as metadata. Immutability is the library's rule: a key is written once,
 * checked before the write, and the bucket may add object lock on top.
 */
export class S3ContentStore implements ContentStore {
  readonly backend = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = s3Client(settings);
  }

  async put(key: string, open: () => Readable, facts: { size: number; sha256: string }): Promise<void> {
    assertContentKey(key);
    if (await this.exists(key)) throw new ContentExists(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(key),
        Body: open(),
        ContentLength: facts.size,
        Metadata: { sha256: facts.sha256 },
      }),
    );
  }

  async get(key: string): Promise<Readable> {
    assertContentKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound) throw new ContentNotFound(key);
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    assertContentKey(key);
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
    );
  }

  /** Every object under the prefix, with its content key (a backup copies them all: src/backup/object-part.ts). */
  async *list(): AsyncGenerator<{ key: string; size: number }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.settings.bucket,
          Prefix: this.settings.prefix,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key) yield { key: object.Key.slice(this.settings.prefix.length), size: object.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    return `${this.settings.prefix}${key}`;
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof NotFound ||
        (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
      )
        return false;
      throw error;
    }
  }
}
