import { useApolloClient } from '@apollo/client/react';
import { MeDocument } from '@carebook/sdk';
import { useContext } from 'react';
import { useAppConfig } from '../../../api/app-config-context';
import { SessionContext } from '../../../api/session-context';
import { t } from '../../../i18n';
import { type ExportKind, exportFileName, exportUrl, refusalText } from './export-request';

export type DownloadOutcome = { ok: true; fileName: string } | { ok: false; message: string };

/**
 * Downloads an export as the signed-in admin: fetch with the bearer token
 * (a link cannot carry it), the answer as a blob, saved through an object
 * URL. An access token that expired meanwhile is renewed once through the
 * API client (any GraphQL request renews it), then the export asked again.
 */
export function useCsvDownload() {
  const { graphqlUrl } = useAppConfig();
  const sessions = useContext(SessionContext)!;
  const apollo = useApolloClient();
  const words = { sessionEnded: t.auth.sessionEnded, forbidden: t.errors.forbidden, server: t.errors.server };

  const ask = (url: string) =>
    fetch(url, { headers: { authorization: `Bearer ${sessions.get()?.accessToken ?? ''}` }, cache: 'no-store' });

  return async function download(
    kind: ExportKind,
    filter: { from: string; to: string } & Record<string, string>,
  ): Promise<DownloadOutcome> {
    const url = exportUrl(graphqlUrl, kind, filter);
    let response: Response;
    try {
      response = await ask(url);
      if (response.status === 401) {
        await apollo.query({ query: MeDocument, fetchPolicy: 'network-only' }).catch(() => undefined);
        if (sessions.get()) response = await ask(url);
      }
    } catch {
      return { ok: false, message: t.errors.network };
    }
    if (!response.ok)
      return { ok: false, message: refusalText(response.status, await response.text().catch(() => ''), words) };
    let blob: Blob;
    try {
      blob = await response.blob();
    } catch {
      // The gateway ends a transfer that failed half-way rather than sending a short file.
      return { ok: false, message: t.admin.exports.cutShort };
    }
    const fileName = exportFileName(kind, filter.from, filter.to);
    const objectUrl = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = objectUrl;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    // The browser has taken the file once the click is handled; the URL is let go a moment later.
    setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
    return { ok: true, fileName };
  };
}
