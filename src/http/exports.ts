// The export download page. GET /exports/:token shows what will be downloaded and a Download button; link
// previewers open it too, so GET never uses the token up. POST /exports/:token spends it and answers the
// file. Unknown, spent, expired and malformed tokens get the same plain 404. The token is never logged.
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log.js';

/**
 * Every export file starts with a byte order mark: without it Excel reads a UTF-8 CSV as the local code
 * page, so "£" and names such as "Zoë" come out garbled. Other spreadsheets and CSV readers skip it.
 */
const UTF8_BOM = '\uFEFF';

/** 32 random bytes in base64url; anything else is refused before the service is asked. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type ExportDownloads = {
  /** What the file holds, without using the token up; undefined for an unknown or expired one. */
  peek(token: string): { filename: string; describe: string } | undefined;
  /** The file, once; undefined for an unknown, spent or expired token, or when the person may no longer have it. */
  download(token: string): Promise<{ filename: string; csv: string } | undefined>;
};

const PRIVATE = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
  'X-Content-Type-Options': 'nosniff',
};
const PAGE = {
  ...PRIVATE,
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
};

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A name safe in a Content-Disposition header and on any file system. */
const safeFilename = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'export.csv';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}' +
  'button{font-size:1rem;padding:.5rem 1.25rem}';

const page = (title: string, body: string) =>
  `<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n` +
  `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="robots" content="noindex">\n` +
  `<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`;

export function downloadPage(offer: { filename: string; describe: string }): string {
  const filename = safeFilename(offer.filename);
  return page(
    'Download your export',
    `<h1>Download your export</h1>\n<p>${escapeHtml(offer.describe)}</p>\n` +
      `<p>File: <strong>${escapeHtml(filename)}</strong> (CSV, opens in a spreadsheet)</p>\n` +
      `<form method="post">\n<button type="submit">Download</button>\n</form>\n` +
      `<p>This link works once and for 15 minutes. For a new one, ask the bot for the report again.</p>`,
  );
}

export const notFoundPage = (): string =>
  page(
    'Link not found',
    `<h1>This link has expired or does not exist</h1>\n` +
      `<p>Download links work once and for 15 minutes. Ask the bot for the report again to get a new one.</p>`,
  );

export function addExportRoutes(server: Server, downloads: ExportDownloads, log: Logger): void {
  const notFound = (req: Request, res: Response) => {
    log.info({ method: req.method }, 'export.notFound');
    res.writeHead(404, PAGE);
    res.end(notFoundPage());
  };
  const tokenOf = (req: Request): string | undefined => {
    const token: unknown = req.params?.['token'];
    return typeof token === 'string' && TOKEN.test(token) ? token : undefined;
  };

  server.get('/exports/:token', async (req: Request, res: Response) => {
    const token = tokenOf(req);
    const offer = token ? downloads.peek(token) : undefined;
    if (!offer) return notFound(req, res);
    res.writeHead(200, PAGE);
    res.end(downloadPage(offer));
  });

  server.post('/exports/:token', async (req: Request, res: Response) => {
    const token = tokenOf(req);
    const file = token ? await downloads.download(token) : undefined;
    if (!file) return notFound(req, res);
    log.info('export.downloaded');
    res.writeHead(200, {
      ...PRIVATE,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${safeFilename(file.filename)}"`,
    });
    res.end(`${UTF8_BOM}${file.csv}`);
  });
}
