import type { NoticeContent } from './notice-content';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const SIGNATURE = 'Your Carebook clinic';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The same content as plain text and as simple HTML (every value escaped), with the link into the app. */
export function renderEmail(content: NoticeContent): RenderedEmail {
  const link = content.link;
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(link ? [`${link.label}: ${link.url}`, ''] : []),
    SIGNATURE,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5; color: #1f2933">',
    `<p>${escapeHtml(content.greeting)}</p>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(link
      ? [
          `<p><a href="${escapeHtml(link.url)}" style="color: #0b5d73; font-weight: 600">${escapeHtml(link.label)}</a></p>`,
        ]
      : []),
    `<p>${escapeHtml(SIGNATURE)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
