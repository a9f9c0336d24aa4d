import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './roles.js';

const TWELVE_HOURS = 12 * 60 * 60;

// The bearer token lives only in an httpOnly cookie: scripts in the page never see it.
export function setSession(cookies: Cookies, url: URL, token: string): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: url.protocol === 'https:',
    sameSite: 'strict',
    maxAge: TWELVE_HOURS,
  });
}

export function clearSession(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}
