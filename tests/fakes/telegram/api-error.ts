/** A Bot API failure as the real server sends it: HTTP status = error_code, JSON body with ok:false. */
export interface ApiErrorBody {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.description);
    this.name = "ApiError";
  }
}

export function badRequest(what: string, parameters?: ApiErrorBody["parameters"]): ApiError {
  return new ApiError({ error_code: 400, description: `Bad Request: ${what}`, ...(parameters ? { parameters } : {}) });
}

export function forbidden(what: string): ApiError {
  return new ApiError({ error_code: 403, description: `Forbidden: ${what}` });
}

export function tooManyRequests(retryAfter: number): ApiError {
  return new ApiError({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  });
}
