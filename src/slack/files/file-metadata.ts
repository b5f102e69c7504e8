import { z } from 'zod';
import type { UploadMetadata } from './upload-modal';

/** private_metadata of the file modals: read strictly, and never trusted for access. */
export const uploadMetadataSchema: z.ZodType<UploadMetadata> = z.object({
  message: z
    .object({
      channel: z.string().regex(/^[CGD][A-Z0-9]{1,30}$/),
      ts: z.string().regex(/^\d{1,12}\.\d{1,8}$/),
      fileIds: z
        .array(z.string().regex(/^F[A-Z0-9]{1,30}$/))
        .min(1)
        .max(10),
    })
    .optional(),
});

export const referenceMetadataSchema = z.object({ reference: z.string().min(1).max(40) });
