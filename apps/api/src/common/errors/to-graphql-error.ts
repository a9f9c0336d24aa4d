import { GraphQLError } from 'graphql';
import { ZodError, z } from 'zod';
import { DbError, Prisma } from '@waymark/db';
import { ApiError, ApiErrorCode } from './api-error.js';

const HTTP_STATUS: Partial<Record<ApiErrorCode, number>> = { [ApiErrorCode.RATE_LIMITED]: 429 };

function fromApiError(error: ApiError): GraphQLError {
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...(error.details ?? {}), ...(status ? { http: { status } } : {}) },
  });
}

function fromZod(error: ZodError): ApiError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  return new ApiError(ApiErrorCode.BAD_USER_INPUT, `Invalid input: ${summary}`, { issues });
}

// What Prisma's driver adapters report of a unique violation: the model, and the index (or columns).
const UniqueMeta = z.object({
  modelName: z.string().optional(),
  driverAdapterError: z
    .object({ cause: z.object({ table: z.string().optional(), constraint: z.object({ index: z.string().optional(), fields: z.array(z.string()).optional() }).optional() }) })
    .optional(),
});

// Our unique indexes are PostgreSQL's default names over (workspace_id, …): "touchpoints_workspace_id_key_key" → "key".
function uniqueColumns(index: string, table: string | undefined): string {
  const bare = table && index.startsWith(`${table}_`) ? index.slice(table.length + 1) : index;
  return bare.replace(/_(key|idx)$/, '').replace(/^workspace_id_/, '');
}

// "A Touchpoint with the same key already exists": what a person can change, not "a unique field".
function uniqueViolation(meta: unknown): ApiError {
  const parsed = UniqueMeta.safeParse(meta).data;
  const cause = parsed?.driverAdapterError?.cause;
  const fields = cause?.constraint?.fields?.filter((f) => f !== 'workspace_id').join(' and ') ?? (cause?.constraint?.index ? uniqueColumns(cause.constraint.index, cause.table) : '');
  const what = parsed?.modelName ? `A ${parsed.modelName}` : 'A record';
  return new ApiError(ApiErrorCode.BAD_USER_INPUT, `${what} with the same ${fields || 'unique value'} already exists in this workspace; choose another value.`);
}

function fromPrisma(error: Prisma.PrismaClientKnownRequestError): ApiError | null {
  if (error.code === 'P2025') return new ApiError(ApiErrorCode.NOT_FOUND, 'The record does not exist in this workspace.');
  if (error.code === 'P2002') return uniqueViolation(error.meta);
  if (error.code === 'P2003') return new ApiError(ApiErrorCode.BAD_USER_INPUT, 'A referenced record does not exist in this workspace.');
  return null;
}

// The one adapter from every error our code can raise to a GraphQL error with extensions.code.
// Anything unknown becomes INTERNAL with a generic message; the original goes to the log only.
export function toGraphQLError(error: unknown, log: (error: unknown) => void): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof ApiError) return fromApiError(error);
  if (error instanceof ZodError) return fromApiError(fromZod(error));
  if (error instanceof DbError && error.code === 'WORKSPACE_SCOPE') return fromApiError(new ApiError(ApiErrorCode.NOT_FOUND, 'The record does not exist in this workspace.'));
  if (error instanceof DbError && error.code === 'NOT_FOUND') return fromApiError(new ApiError(ApiErrorCode.NOT_FOUND, error.message));
  if (error instanceof DbError && error.code === 'INVALID_STATE') return fromApiError(new ApiError(ApiErrorCode.BAD_USER_INPUT, error.message));
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const mapped = fromPrisma(error);
    if (mapped) return fromApiError(mapped);
  }
  if (error instanceof Error && error.name === 'SecretsError') return fromApiError(new ApiError(ApiErrorCode.UNAVAILABLE, `Stored secrets (integration credentials, webhook URLs) are unavailable: ${error.message}.`));
  if (error instanceof Error && error.name === 'KpiError') return fromApiError(new ApiError(ApiErrorCode.BAD_USER_INPUT, error.message));
  log(error);
  return new GraphQLError('Internal server error; the request was logged. Try again, and report it if it persists.', {
    extensions: { code: ApiErrorCode.INTERNAL },
  });
}
