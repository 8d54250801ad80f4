import { randomUUID } from "node:crypto";

/**
 * Errors in the Databricks REST shape (reference §1.6):
 * {"error_code","message","details":[ErrorInfo, RequestInfo]}.
 * Handlers throw ApiError; the server turns it into the body.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly reason: string = errorCode,
    readonly metadata: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(err: ApiError, requestId: string): Record<string, unknown> {
  return {
    error_code: err.errorCode,
    message: err.message,
    details: [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: err.reason,
        domain: "databricks.com",
        metadata: err.metadata,
      },
      { "@type": "type.googleapis.com/google.rpc.RequestInfo", request_id: requestId, serving_data: "" },
    ],
  };
}

export type ResourceKind = "project" | "branch" | "endpoint" | "database" | "role" | "operation";

/** The real service's wording: "project id not found [TraceId: <uuid>]". */
export function notFound(kind: ResourceKind): ApiError {
  return new ApiError(404, "NOT_FOUND", `${kind} id not found [TraceId: ${randomUUID()}]`, "RESOURCE_DOES_NOT_EXIST");
}

export function invalidParam(message: string): ApiError {
  return new ApiError(400, "INVALID_PARAMETER_VALUE", message);
}

/** Exact wording of the service for a missing required field. */
export function requiredField(field: string): ApiError {
  return invalidParam(`Field '${field}' is required, expected non-default value (not "")!`);
}

export function badRequest(message: string, managedByParent = false): ApiError {
  return managedByParent
    ? new ApiError(400, "BAD_REQUEST", message, "RESOURCE_CONFLICT", { declarative_context: "MANAGED_BY_PARENT" })
    : new ApiError(400, "BAD_REQUEST", message);
}

export function alreadyExists(message: string): ApiError {
  return new ApiError(409, "ALREADY_EXISTS", message, "RESOURCE_ALREADY_EXISTS");
}

export function unauthenticated(message: string): ApiError {
  return new ApiError(401, "UNAUTHENTICATED", message);
}
