import { BadRequestException, StandardSchemaValidationPipe } from '@nestjs/common';
import { fieldErrorsFrom } from '@jembatan/contracts';

/**
 * Validates @Body/@Query/@Param against the zod schema given in the decorator
 * (`@Body({ schema })`) and answers 400 with each offending field.
 */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) =>
      new BadRequestException({
        error: 'validation-failed',
        message: 'Some fields are invalid',
        fields: fieldErrorsFrom(issues),
      }),
  });
}
