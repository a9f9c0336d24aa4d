import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './sentiment-score.js';

describe('scoreSentiment', () => {
  it('is the mean AFINN score of the rated words divided by 5', () => {
    // terrible −3, dirty −2, awful −3 → mean −8/3 → −0.533
    expect(scoreSentiment('Terrible experience. The room was dirty. Awful.')).toEqual({ sentiment: -0.533, afinn: -8, words: 3 });
    // amazing +4, wonderful +4 → 0.8
    expect(scoreSentiment('Amazing sunset, wonderful staff')).toEqual({ sentiment: 0.8, afinn: 8, words: 2 });
  });

  it('is 0 for a text without rated words', () => {
    expect(scoreSentiment('What time is check-out on Sundays?')).toEqual({ sentiment: 0, afinn: 0, words: 0 });
  });

  it('does not shrink with the length of the post', () => {
    const short = scoreSentiment('awful');
    const long = scoreSentiment(`awful ${'we walked along the beach after breakfast '.repeat(20)}`);
    expect(long.sentiment).toBe(short.sentiment);
  });

  it('honours negation as the sentiment package does', () => {
    expect(scoreSentiment('not great').sentiment).toBeLessThan(0);
  });
});
