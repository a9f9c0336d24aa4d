import { Controller, HttpCode, HttpException, Inject, Param, Post, Req } from '@nestjs/common';
import { findIntegrationWorkspace, ingestEvents, ingestLinks, integrationRepository, keepRejectedRecords } from '@waymark/db';
import type { Db } from '@waymark/db';
import { receiveWebhook } from '@waymark/plugin-host';
import type { PluginRegistry } from '@waymark/plugin-host';
import { isUuid } from '../../common/graphql/ids.js';
import type { ApiMetrics } from '../../common/observability/metrics.js';
import { DB, METRICS, PLUGIN_REGISTRY } from '../../common/tokens.js';
import { IntegrationsService } from './integrations.service.js';

// The slice of the express request this controller reads (rawBody is kept by Nest's body parser).
interface WebhookHttpRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
}

const NOT_FOUND = (id: string) => new HttpException({ error: 'NOT_FOUND', message: `No integration ${id} receives webhooks here.` }, 404);

function lowerCaseHeaders(headers: WebhookHttpRequest['headers']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]));
}

// POST /webhooks/:integrationId — the plugin verifies the delivery; its events go through ingestEvents.
@Controller('webhooks')
export class WebhookController {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(PLUGIN_REGISTRY) private readonly plugins: PluginRegistry,
    @Inject(IntegrationsService) private readonly integrations: IntegrationsService,
    @Inject(METRICS) private readonly metrics: ApiMetrics,
  ) {}

  @Post(':integrationId')
  @HttpCode(202)
  async receive(@Param('integrationId') integrationId: string, @Req() req: WebhookHttpRequest) {
    if (!isUuid(integrationId)) throw NOT_FOUND(integrationId);
    const workspaceId = await findIntegrationWorkspace(this.db.prisma, integrationId);
    if (!workspaceId) throw NOT_FOUND(integrationId);
    const repo = integrationRepository(this.db.prisma, workspaceId);
    const integration = await repo.find(integrationId);
    const plugin = integration?.enabled ? this.plugins.get(integration.pluginId) : undefined;
    if (!integration || !plugin?.webhook) throw NOT_FOUND(integrationId);
    const secrets = integration.hasSecrets ? await repo.readSecrets(integrationId, this.integrations.keyring()) : {};
    const outcome = await receiveWebhook({
      plugin,
      config: integration.config,
      secrets: Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, String(v)])),
      request: { headers: lowerCaseHeaders(req.headers), rawBody: new Uint8Array(req.rawBody ?? Buffer.alloc(0)) },
    });
    if (!outcome.verified) throw new HttpException({ error: 'UNAUTHENTICATED', message: 'The webhook signature did not verify with the integration secret.' }, 401);
    if (outcome.links.length > 0) await ingestLinks(this.db, workspaceId, outcome.links);
    const result = await ingestEvents(this.db, workspaceId, outcome.events, { defaultSource: plugin.id });
    // The sender rarely reads the answer: what the plugin refused is kept for review like any refused row.
    await keepRejectedRecords(this.db, workspaceId, outcome.rejected, { source: plugin.id });
    this.metrics.countIngested('webhook', plugin.id, { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length + outcome.rejected.length });
    return { accepted: result.accepted, duplicates: result.duplicates, rejected: [...result.rejected, ...outcome.rejected.map((row, index) => ({ index, externalId: row.externalId ?? null, reason: row.reason }))] };
  }
}
