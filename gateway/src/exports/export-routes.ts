import {
  AppError,
  appointmentExportFilter,
  bearerToken,
  Forbidden,
  HTTP_STATUS,
  invoiceExportFilter,
  Logger,
  readExportFilter,
  Role,
  ServiceName,
  ServiceStreamClient,
  TokenVerifier,
  Unauthenticated,
} from '@carebook/platform';
import type { Express, Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';

interface ExportSpec {
  /** The service that owns the rows, and its stream route. */
  target: ServiceName;
  route: string;
  /** Every export's filter has its period (`from`, `to`: calendar dates) and what else it narrows by. */
  filter: z.ZodType<{ from: string; to: string }>;
  fileName: string;
}

const EXPORTS: Record<string, ExportSpec> = {
  '/exports/appointments.csv': {
    target: 'appointment',
    route: 'appointments-csv',
    filter: appointmentExportFilter,
    fileName: 'appointments',
  },
  '/exports/invoices.csv': {
    target: 'billing',
    route: 'invoices-csv',
    filter: invoiceExportFilter,
    fileName: 'invoices',
  },
};

/**
 * The admin CSV exports, plain HTTP (GraphQL is no streaming transport):
 * the caller's access token is verified here (401 without or with a bad one,
 * 403 for anyone but an admin), the filter checked (400 naming the
 * parameter), then the owning service's stream route is opened for the admin
 * and its body piped through as it arrives, never gathered. Refusals are
 * JSON: {"error":{"code","message"}}.
 */
export function mountExportRoutes(
  app: Express,
  options: { verifier: TokenVerifier; streams: ServiceStreamClient; logger: Logger },
): void {
  for (const [path, spec] of Object.entries(EXPORTS)) {
    app.get(path, async (req, res) => {
      let upstream;
      try {
        const token = await adminToken(req, options.verifier);
        const filter = readExportFilter(spec.filter, req.query as Record<string, unknown>);
        upstream = await options.streams.open(spec.target, spec.route, filter, token);
        res.status(200);
        res.setHeader('content-type', upstream.contentType);
        res.setHeader('content-disposition', `attachment; filename="${spec.fileName}-${filter.from}-${filter.to}.csv"`);
        res.setHeader('cache-control', 'no-store');
      } catch (error) {
        sendRefusal(res, error, options.logger);
        return;
      }
      try {
        await pipeline(upstream.body, res);
      } catch (error) {
        // Headers are sent: a service failing mid-way, or the client leaving, can only end the transfer unfinished.
        if (!req.socket.destroyed) options.logger.error({ err: error, path }, 'export stream failed');
        res.destroy();
      }
    });
  }
}

async function adminToken(req: Request, verifier: TokenVerifier): Promise<string> {
  const token = bearerToken(req.headers.authorization);
  if (!token)
    throw new Unauthenticated("Exports need an admin's access token: send Authorization: Bearer <access token>.");
  const principal = await verifier.verify(token);
  if (principal.role !== Role.ADMIN) throw new Forbidden('Exports are for administrators only.');
  return token;
}

function sendRefusal(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof AppError && error.code !== 'INTERNAL_SERVER_ERROR') {
    res.status(HTTP_STATUS[error.code]).json({ error: { code: error.code, message: error.message } });
    return;
  }
  logger.error({ err: error }, 'export failed to start');
  const message = error instanceof AppError ? error.message : 'Something went wrong on our side.';
  res.status(error instanceof AppError ? 503 : 500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message } });
}
