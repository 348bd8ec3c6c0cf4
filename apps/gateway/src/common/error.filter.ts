import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@jembatan/messaging';
import type { ErrorBody } from '@jembatan/contracts';
import type { Request, Response } from 'express';

const CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'too-many-requests',
};

/** Every error leaves the gateway in one format (ErrorBody) and never with a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const correlationId = typeof request.id === 'string' ? request.id : undefined;
    const body = this.toBody(exception, correlationId);
    if (exception instanceof DomainError && exception.statusCode >= 500) {
      // 503/504 from a busy or restarting service: expected, and the client is told to retry.
      this.logger.warn(`${request.method} ${request.path}: ${exception.message}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(
        `${request.method} ${request.path} failed`,
        (exception as Error | undefined)?.stack,
      );
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, correlationId: string | undefined): ErrorBody {
    if (exception instanceof DomainError) return exception.toBody(correlationId);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const payload =
        typeof raw === 'object' && raw !== null
          ? (raw as Partial<ErrorBody> & { message?: unknown })
          : {};
      const message = typeof payload.message === 'string' ? payload.message : exception.message;
      return {
        statusCode: status,
        error:
          typeof payload.error === 'string' && payload.fields
            ? payload.error
            : (CODES[status] ?? 'error'),
        message,
        ...(payload.fields ? { fields: payload.fields } : {}),
        ...(correlationId ? { correlationId } : {}),
      };
    }
    // Body-parser errors (malformed JSON, too large) carry a status and an `expose` flag.
    const parserError = exception as { status?: unknown; expose?: unknown; type?: unknown };
    if (
      typeof parserError.status === 'number' &&
      parserError.status < 500 &&
      parserError.expose === true
    ) {
      return {
        statusCode: parserError.status,
        error: CODES[parserError.status] ?? 'bad-request',
        message:
          parserError.type === 'entity.parse.failed'
            ? 'The body is not valid JSON'
            : 'The request could not be read',
        ...(correlationId ? { correlationId } : {}),
      };
    }
    return {
      statusCode: 500,
      error: 'internal-error',
      message: 'Something went wrong',
      ...(correlationId ? { correlationId } : {}),
    };
  }
}
