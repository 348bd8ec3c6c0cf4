import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Sends a document a service built (base64 in its Kafka reply) as a download. The name is
 * quoted and stripped of characters that could break the header.
 */
export function fileReply(
  response: Response,
  file: { fileName: string; contentType: string } & ({ base64: string } | { bytes: Buffer }),
): StreamableFile {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '')}"`,
  );
  return new StreamableFile('bytes' in file ? file.bytes : Buffer.from(file.base64, 'base64'));
}
