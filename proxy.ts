import { type NextRequest, NextResponse } from 'next/server';
import { createNonce, isForeignOrigin, pageContentSecurityPolicy } from '@/lib/security/content-security-policy';
import { REQUEST_PATH_HEADER } from '@/lib/security/next-path';

const dev = process.env.NODE_ENV !== 'production';

/**
 * Runs before every page request: refuses server actions posted from another site with a clear 403 (Next's
 * own check would answer 500), and gives each page a fresh script nonce and
 * records its path for the sign-in redirect. Next reads the nonce from the
 * request's Content-Security-Policy header and puts it on its own scripts; the browser gets the same policy.
 */
export function proxy(request: NextRequest) {
  if (request.method === 'POST' && request.headers.has('next-action') && isForeignOrigin(request.headers)) {
    return new NextResponse('This request came from another site; Runboard only accepts its own forms.', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const policy = pageContentSecurityPolicy(createNonce(), dev);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  // Set here (replacing anything the client sent) so a sign-in redirect can return to this page.
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // API routes carry no pages or actions (they get a static policy from next.config.js), and assets need none.
  matcher: [
    '/((?!api/|ajax-api/|_next/static/|_next/image|favicon.ico|apple-icon.png|icon-192.png|icon-512.png|manifest.webmanifest).*)',
  ],
};
