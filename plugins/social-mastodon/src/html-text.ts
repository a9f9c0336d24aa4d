const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain text of a Mastodon status `content` (a small, server-sanitised HTML subset: p, br, a,
 * span, and a few inline tags). Paragraphs and line breaks become newlines.
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return fromCodePoint(Number.parseInt(code.slice(2), 16), entity);
    if (code.startsWith('#')) return fromCodePoint(Number.parseInt(code.slice(1), 10), entity);
    return NAMED_ENTITIES[code.toLowerCase()] ?? entity;
  });
}

function fromCodePoint(point: number, fallback: string): string {
  return Number.isInteger(point) && point >= 0 && point <= 0x10ffff ? String.fromCodePoint(point) : fallback;
}
