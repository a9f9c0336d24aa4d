import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { TouchpointMode, TouchpointType } from '../../../common/graphql/enums.js';
import { JsonScalar } from '../../../common/graphql/json.scalar.js';

@InputType()
export class TouchpointInput {
  @Field(() => String) key: string;
  @Field(() => String) name: string;
  @Field(() => TouchpointType) type: TouchpointType;
  @Field(() => String) channel: string;
  @Field(() => TouchpointMode) mode: TouchpointMode;
  @Field(() => String, { nullable: true }) ownerTeam?: string | null;
  @Field(() => Float, { nullable: true }) monthlyCost?: number | null;
  @Field(() => JsonScalar, { nullable: true }) facts?: unknown;
}

@InputType()
export class StageInput {
  @Field(() => String) name: string;
  @Field(() => [TouchpointInput], { nullable: true }) touchpoints?: TouchpointInput[] | null;
}

@InputType()
export class JourneyInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [StageInput]) stages: StageInput[];
}

@InputType({ description: 'A stage in the new order: with the id of an existing stage to keep (and rename) it, without one to add it.' })
export class StagePatch {
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field(() => String) name: string;
}

@InputType()
export class JourneyPatch {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [StagePatch], {
    nullable: true,
    description: 'The whole stage list in its new order; a stage left out is removed, which is refused while it holds touchpoints.',
  })
  stages?: StagePatch[] | null;
}

@InputType()
export class TouchpointPatch {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) channel?: string | null;
  @Field(() => String, { nullable: true }) ownerTeam?: string | null;
  @Field(() => Float, { nullable: true }) monthlyCost?: number | null;
  @Field(() => JsonScalar, { nullable: true }) facts?: unknown;
  @Field(() => String, { nullable: true, description: 'Move the touchpoint to another stage of the same workspace.' }) stageId?: string | null;
  @Field(() => Int, { nullable: true, description: 'New 0-based position within the (new) stage; past the end means last. Moving stage without it appends.' }) position?: number | null;
}

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const channel = z.string().trim().regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be a lower-case channel name such as web, email, front_desk');
// Brand facts: flat key → scalar value, e.g. { "price.standard_room": "189 EUR" }.
const facts = z.record(z.string().min(1).max(200), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]), {
  error: 'facts must be an object of key → string, number or boolean',
});

export const TouchpointSchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'must be 1–100 letters, digits, ".", "_", ":" or "-"'),
  name,
  type: z.enum(TouchpointType),
  channel,
  mode: z.enum(TouchpointMode),
  ownerTeam: z.string().trim().min(1).max(200).nullish(),
  monthlyCost: z.number().finite().nonnegative('must be zero or more').nullish(),
  facts: facts.nullish(),
});

type StagesInput = { touchpoints?: { key: string }[] | null | undefined }[];

// Keys are unique in the workspace, so also within one journey's input: each repeat is named.
function repeatedKeys(stages: StagesInput, ctx: z.RefinementCtx): void {
  const first = new Map<string, string>();
  stages.forEach((stage, s) =>
    (stage.touchpoints ?? []).forEach((touchpoint, t) => {
      const seen = first.get(touchpoint.key);
      if (seen) ctx.addIssue({ code: 'custom', path: [s, 'touchpoints', t, 'key'], message: `"${touchpoint.key}" is already the key of ${seen}; keys are unique in the workspace` });
      else first.set(touchpoint.key, `stages.${s}.touchpoints.${t}`);
    }),
  );
}

export const JourneySchema = z.object({
  name,
  description: z.string().max(5000).nullish(),
  stages: z
    .array(z.object({ name, touchpoints: z.array(TouchpointSchema).max(500).nullish() }))
    .min(1, 'a journey needs at least one stage')
    .max(50, 'a journey has at most 50 stages')
    .superRefine(repeatedKeys),
});

export const TouchpointPatchSchema = z.object({
  name: name.nullish(),
  channel: channel.nullish(),
  ownerTeam: z.string().trim().max(200).nullish(),
  monthlyCost: z.number().finite().nonnegative('must be zero or more').nullish(),
  facts: facts.nullish(),
  stageId: z.uuid('must be a stage id').nullish(),
  position: z.number().int('must be a whole number').nonnegative('must be zero or more').max(10_000).nullish(),
});

// The same stage id twice would give one stage two positions.
function repeatedStageIds(stages: { id?: string | null | undefined }[], ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  stages.forEach((stage, s) => {
    if (!stage.id) return;
    const seen = first.get(stage.id);
    if (seen !== undefined) ctx.addIssue({ code: 'custom', path: [s, 'id'], message: `stage "${stage.id}" is already at stages.${seen}; list each stage once` });
    else first.set(stage.id, s);
  });
}

export const JourneyPatchSchema = z.object({
  name: name.nullish().transform((v) => v ?? undefined),
  description: z.string().max(5000).nullish(),
  stages: z
    .array(z.object({ id: z.uuid('must be a stage id').nullish(), name }))
    .min(1, 'a journey needs at least one stage')
    .max(50, 'a journey has at most 50 stages')
    .superRefine(repeatedStageIds)
    .nullish()
    .transform((v) => v ?? undefined),
});
