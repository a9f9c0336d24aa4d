import { registerEnumType } from '@nestjs/graphql';
import { EventKind, Metric, Role, RunStatus, Severity, FindingChange, ThresholdDirection, TouchpointMode, TouchpointType } from '@waymark/db';

// GraphQL enums reuse the database's enum objects, so values need no mapping.
export { EventKind, Metric, Role, RunStatus, Severity, FindingChange, ThresholdDirection, TouchpointMode, TouchpointType };

export const Bucket = { DAY: 'DAY', WEEK: 'WEEK', MONTH: 'MONTH' } as const;
export type Bucket = (typeof Bucket)[keyof typeof Bucket];
export const AttributionModel = { FIRST_TOUCH: 'FIRST_TOUCH', LAST_TOUCH: 'LAST_TOUCH', LINEAR: 'LINEAR', TIME_DECAY: 'TIME_DECAY' } as const;
export type AttributionModel = (typeof AttributionModel)[keyof typeof AttributionModel];
// The console says ACK; the database says ACKNOWLEDGED (mapped in the alerts module).
export const AlertStatusGql = { OPEN: 'OPEN', ACK: 'ACK', RESOLVED: 'RESOLVED' } as const;
export type AlertStatusGql = (typeof AlertStatusGql)[keyof typeof AlertStatusGql];

registerEnumType(Role, { name: 'Role' });
registerEnumType(TouchpointType, { name: 'TouchpointType' });
registerEnumType(TouchpointMode, { name: 'TouchpointMode' });
registerEnumType(EventKind, { name: 'EventKind' });
registerEnumType(Metric, { name: 'Metric' });
registerEnumType(Bucket, { name: 'Bucket' });
registerEnumType(AttributionModel, { name: 'AttributionModel' });
registerEnumType(RunStatus, { name: 'RunStatus' });
registerEnumType(Severity, { name: 'Severity' });
registerEnumType(FindingChange, { name: 'FindingChange' });
registerEnumType(AlertStatusGql, { name: 'AlertStatus' });
registerEnumType(ThresholdDirection, { name: 'ThresholdDirection' });
