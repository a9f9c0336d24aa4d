import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text.js';

describe('htmlToText', () => {
  it('drops tags, keeps mention text and turns paragraphs and breaks into newlines', () => {
    const html = '<p><span class="h-card"><a href="https://m.example/@brand" class="u-url mention">@<span>brand</span></a></span> Great pool.</p><p>Line one<br>line two<br />end</p>';
    expect(htmlToText(html)).toBe('@brand Great pool.\n\nLine one\nline two\nend');
  });

  it('decodes named and numeric entities', () => {
    expect(htmlToText('<p>fish &amp; chips &lt;3 &quot;ok&quot; &#39;yes&#39; &#x1F305; &#8364;</p>')).toBe('fish & chips <3 "ok" \'yes\' 🌅 €');
  });

  it('leaves unknown entities as they are', () => {
    expect(htmlToText('<p>&bogus; &#xFFFFFFF;</p>')).toBe('&bogus; &#xFFFFFFF;');
  });
});
