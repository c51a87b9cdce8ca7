import type { RequestHandler } from 'express';

/**
 * A strict Content-Security-Policy: scripts, styles, fonts and workers only
 * from this server (everything is bundled), and connections only to it and
 * the gateway. GraphiQL's editor (Monaco) sets inline styles and starts
 * workers from blob: URLs, so the explorer gets those two on top.
 */
export function securityHeaders(connectTo: (hostname: string) => string[], { explorer = false } = {}): RequestHandler {
  return (req, res, next) => {
    const policy = [
      "default-src 'self'",
      "script-src 'self'",
      `style-src 'self'${explorer ? " 'unsafe-inline'" : ''}`,
      "img-src 'self' data:",
      "font-src 'self' data:",
      `connect-src 'self' ${connectTo(req.hostname).join(' ')}`,
      `worker-src 'self'${explorer ? ' blob:' : ''}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ];
    res.setHeader('content-security-policy', policy.join('; '));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    next();
  };
}
