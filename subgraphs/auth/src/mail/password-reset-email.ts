/** The page of the front end that takes a reset token: `<APP_URL>/reset-password?token=…`. */
export function passwordResetLink(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email that carries a reset link. It names no account detail beyond the recipient's own address. */
export function passwordResetEmail(
  link: string,
  validMinutes: number,
): { subject: string; text: string; html: string } {
  const lines = [
    'Someone (we hope you) asked to reset the password of your Carebook account.',
    `Open this link within ${validMinutes} minutes to choose a new password; it works once:`,
    link,
    'If you did not ask, ignore this email: your password stays as it is.',
  ];
  return {
    subject: 'Reset your Carebook password',
    text: `${lines.join('\n\n')}\n`,
    html: `<p>${escapeHtml(lines[0])}</p><p>${escapeHtml(lines[1])}</p><p><a href="${escapeHtml(link)}">Choose a new password</a></p><p>${escapeHtml(lines[3])}</p>`,
  };
}
