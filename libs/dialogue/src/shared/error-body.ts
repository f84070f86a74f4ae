import type { ErrorCode, ErrorParams } from './error-codes';
import type { ClassifiedError } from './classify-error';

/** An issue as the REST API sends it: the field, its stable code, the English message and the code's values. */
export interface ErrorBodyIssue {
  field: string;
  code: ErrorCode;
  message: string;
  params?: ErrorParams;
  row?: number;
}

/** The REST API's JSON error body. `code` is stable; `message` is English and may be reworded. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  params?: ErrorParams;
  issues?: ErrorBodyIssue[];
}

const hasAny = (params: ErrorParams | undefined): params is ErrorParams =>
  !!params && Object.keys(params).length > 0;

/** The body for a classified error: `params` only when they say something, `issues` only when there are some. */
export function errorBody(error: ClassifiedError): ErrorBody {
  return {
    statusCode: error.status,
    error: error.name,
    code: error.code,
    message: error.message,
    ...(hasAny(error.params) ? { params: error.params } : {}),
    ...(error.issues.length > 0 || error.category === 'validation'
      ? {
          issues: error.issues.map((i) => ({
            field: i.field,
            code: i.code,
            message: i.message,
            ...(hasAny(i.params) ? { params: i.params } : {}),
            ...(i.row !== undefined ? { row: i.row } : {}),
          })),
        }
      : {}),
  };
}
