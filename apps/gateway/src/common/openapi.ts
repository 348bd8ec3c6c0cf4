import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { z } from 'zod';

/** Documents a request body in the OpenAPI spec from the same zod schema that validates it. */
export const BodySchema = (schema: z.ZodType) =>
  ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object });

/** Documents a streamed upload (a CSV file, a photo): its media types and a binary body. */
export const UploadBody = (...mediaTypes: string[]) =>
  applyDecorators(
    ApiConsumes(...mediaTypes),
    ApiBody({ schema: { type: 'string', format: 'binary' } }),
  );
