interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

// The usual hardening headers; the strict CSP only in production, where GraphiQL is off.
export function securityHeaders(production: boolean): (res: HeaderResponse) => void {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'no-referrer'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-site'],
  ];
  if (production) {
    headers.push(['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"], ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains']);
  }
  return (res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
  };
}
