import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const ScheduleKindGql = { SYNC: 'SYNC', AUDIT: 'AUDIT', KPI_WATCH: 'KPI_WATCH', RISK: 'RISK', ROI: 'ROI' } as const;
export type ScheduleKindGql = (typeof ScheduleKindGql)[keyof typeof ScheduleKindGql];
registerEnumType(ScheduleKindGql, {
  name: 'ScheduleKind',
  description: 'What a schedule runs: a sync of an integration, an audit or a risk assessment of a journey, the KPI watch of the workspace, or an ROI evaluation of an initiative.',
});

@ObjectType('Schedule', { description: 'A Temporal Schedule that runs a workflow of this workspace on a cron.' })
export class ScheduleDto {
  @Field(() => ScheduleKindGql) kind: ScheduleKindGql;
  @Field(() => ID, { description: 'The integration (SYNC), the journey (AUDIT, RISK), the workspace (KPI_WATCH) or the initiative (ROI).' }) targetId: string;
  @Field(() => String, { description: '5-field cron: minute hour day-of-month month day-of-week.' }) cron: string;
  @Field(() => String, { description: 'IANA time zone the cron is read in.' }) timeZone: string;
  @Field(() => [Date], { description: 'The next run times.' }) nextRuns: Date[];
}

@InputType()
export class ScheduleInput {
  @Field(() => ScheduleKindGql) kind: ScheduleKindGql;
  @Field(() => ID, { nullable: true, description: 'The integration (SYNC), journey (AUDIT, RISK) or initiative (ROI); omitted for KPI_WATCH.' }) targetId?: string | null;
  @Field(() => String) cron: string;
  @Field(() => String, { nullable: true, description: 'IANA time zone; the workspace time zone when omitted.' }) timeZone?: string | null;
}

@ObjectType('KpiWatchRun', { description: 'What one KPI watch found: thresholds checked, in breach, alerts opened and resolved.' })
export class KpiWatchRunDto {
  @Field(() => Int) checked: number;
  @Field(() => Int) breached: number;
  @Field(() => Int) opened: number;
  @Field(() => Int) resolved: number;
}
