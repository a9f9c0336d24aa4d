import { z } from 'zod';

const refList = z.array(z.string().min(1)).default([]);

export const surveyConfigSchema = z
  .object({
    /** Touchpoint used when the response carries no touchpoint hidden field. */
    defaultTouchpointKey: z.string().min(1),
    /** Question refs whose 0–10 answer is the NPS. */
    npsRefs: refList,
    /** Question refs whose 1–5 answer is the CSAT. */
    csatRefs: refList,
    /** Question refs whose 1–7 answer is the CES. */
    cesRefs: refList,
    /** Question refs whose free-text answer becomes the event text. */
    commentRefs: refList,
    /** Hidden field carrying the respondent's e-mail. */
    emailField: z.string().min(1).default('email'),
    /** Hidden field carrying the touchpoint key the survey was sent for. */
    touchpointField: z.string().min(1).default('touchpoint'),
  })
  .refine((config) => config.npsRefs.length + config.csatRefs.length + config.cesRefs.length > 0, {
    message: 'map at least one question ref to nps, csat or ces (npsRefs, csatRefs, cesRefs)',
  });

export type SurveyConfig = z.output<typeof surveyConfigSchema>;
