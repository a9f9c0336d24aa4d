import Sentiment from 'sentiment';

const analyzer = new Sentiment();

export interface SentimentScore {
  /** Mean AFINN score of the words that carry sentiment, divided by 5: −1..1, 0 when none. */
  sentiment: number;
  /** Raw AFINN sum, for reference. */
  afinn: number;
  /** How many words (and emoji) carried sentiment. */
  words: number;
}

/**
 * AFINN-165 sentiment of a text (the `sentiment` package, which also handles negation like "not
 * good"). AFINN rates words −5..5; the mean over the rated words, divided by 5, is a value in
 * −1..1 that does not shrink with the length of the post (unlike the package's `comparative`,
 * which divides by every token).
 */
export function scoreSentiment(text: string): SentimentScore {
  const result = analyzer.analyze(text);
  const words = result.calculation.length;
  if (words === 0) return { sentiment: 0, afinn: 0, words: 0 };
  const mean = result.score / (5 * words);
  return { sentiment: Math.round(Math.max(-1, Math.min(1, mean)) * 1000) / 1000, afinn: result.score, words };
}
