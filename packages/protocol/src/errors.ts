import { z } from 'zod';

/**
 * Every failure a client can see, HTTP or socket. The same codes appear in REST bodies
 * (`{ error: { code, message, details? } }`) and in socket acks (`{ ok: false, error }`).
 */
export const ERROR_CODES = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'stale',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'locked',
  'leak_detected',
  'risk_acknowledgement_required',
  'busy',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const ErrorBody = z.object({ error: ApiError });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** HTTP status for each code, so the server and third-party clients agree. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  leak_detected: 422,
  risk_acknowledgement_required: 422,
  busy: 503,
  internal: 500,
};
