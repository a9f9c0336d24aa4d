import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiMetrics } from './metrics.js';
import { observationOf } from './request-observer.js';

const tracer = trace.getTracer('waymark-api');

function requestOf(contextValue: unknown): object | undefined {
  if (typeof contextValue !== 'object' || contextValue === null || !('req' in contextValue)) return undefined;
  const req = contextValue.req;
  return typeof req === 'object' && req !== null ? req : undefined;
}

function workspaceOf(contextValue: unknown): string | undefined {
  if (typeof contextValue !== 'object' || contextValue === null || !('principal' in contextValue)) return undefined;
  const principal = contextValue.principal;
  return typeof principal === 'object' && principal !== null && 'workspaceId' in principal && typeof principal.workspaceId === 'string' ? principal.workspaceId : undefined;
}

// The first root field names the operation in metrics: it is bounded by the schema, unlike the
// client-chosen operation name (which only goes to logs and spans).
function rootField(operation: OperationDefinitionNode | null | undefined): string {
  const first = operation?.selectionSet.selections[0];
  return first?.kind === 'Field' ? first.name.value : 'unknown';
}

function hasErrors(result: unknown): boolean {
  return typeof result === 'object' && result !== null && 'errors' in result && Array.isArray(result.errors) && result.errors.length > 0;
}

// Per execution: the operation on the request's log line, the latency histogram, a child span.
export function graphqlObserverPlugin(metrics: ApiMetrics): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const started = process.hrtime.bigint();
      const document: DocumentNode = args.document;
      const operationAst = getOperationAST(document, args.operationName ?? undefined);
      const type = operationAst?.operation ?? 'unknown';
      const operation = rootField(operationAst);
      const req = requestOf(args.contextValue);
      const observation = req ? observationOf(req) : undefined;
      if (observation) {
        observation.operationName = args.operationName ?? operationAst?.name?.value;
        observation.operation = operation;
        observation.operationType = type;
        observation.workspaceId = workspaceOf(args.contextValue);
      }
      const span = observation?.span
        ? tracer.startSpan(`graphql ${type} ${operation}`, { attributes: { 'graphql.operation.type': type, 'graphql.operation.name': observation.operationName ?? operation } }, trace.setSpan(context.active(), observation.span))
        : null;
      // Resolvers run inside the span, so what they start (a workflow, say) joins the trace.
      if (span) setExecuteFn((execution) => context.with(trace.setSpan(context.active(), span), () => executeFn(execution)));
      return {
        onExecuteDone({ result }) {
          const failed = hasErrors(result);
          metrics.graphqlDuration.observe({ operation, type, outcome: failed ? 'error' : 'ok' }, Number(process.hrtime.bigint() - started) / 1e9);
          if (span) {
            if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
          }
        },
      };
    },
  };
}
