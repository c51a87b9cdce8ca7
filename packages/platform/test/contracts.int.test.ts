import type { MikroORM } from '@mikro-orm/core';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { developmentServiceKeys } from '../src/auth/service-keys';
import { createServiceTokenVerifier } from '../src/auth/service-token-verifier';
import { contractClient, defineContract, returns, route, serveContract } from '../src/contracts/contract';
import { createLogger } from '../src/logger';
import { mountInternalRoutes } from '../src/server/service-calls';
import { serviceClientAs } from '../src/testing/service-callers';

/**
 * The contract machinery over real HTTP: a route declared once, served from
 * its declaration by `serveContract` and called through `contractClient`,
 * with the caller check and the input check of every internal route.
 */
const testContract = defineContract('scheduling', {
  holdSlot: route({
    path: 'hold-slot',
    callers: ['appointment'],
    input: z.object({
      slotId: z.string().min(1, 'must be a slot id'),
      minutes: z.number().int().min(1, 'must be 1 to 60').max(60, 'must be 1 to 60').default(15),
    }),
    output: returns<{ slotId: string; heldMinutes: number; caller: string }>(),
  }),
});

describe('service contracts', () => {
  let server: http.Server;
  let url: string;
  const handled: string[] = [];

  beforeAll(async () => {
    const app = express();
    mountInternalRoutes(
      app,
      createServiceTokenVerifier(developmentServiceKeys('scheduling')),
      { orm: {} as MikroORM, logger: createLogger('test', 'silent') },
      serveContract(testContract, {
        // The handler gets the parsed input (the default filled in) and must answer the declared output.
        async holdSlot({ slotId, minutes }, { caller }) {
          handled.push(slotId);
          return { slotId, heldMinutes: minutes, caller };
        },
      }),
    );
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const clientAs = (service: 'appointment' | 'billing') =>
    contractClient(testContract, serviceClientAs(service, { SCHEDULING_URL: url }));

  it('serves a route to a caller on its list, at its declared path, with the typed answer', async () => {
    const held = await clientAs('appointment').holdSlot({ slotId: 's1' });
    // Typed from the contract: a field the output does not declare does not compile.
    // @ts-expect-error `released` is not part of hold-slot's output
    expect(held.released).toBeUndefined();
    const minutes: number = held.heldMinutes;
    expect({ ...held, minutes }).toEqual({ slotId: 's1', heldMinutes: 15, caller: 'appointment', minutes: 15 });
    expect(
      await serviceClientAs('appointment', { SCHEDULING_URL: url }).call('scheduling', 'hold-slot', { slotId: 's2' }),
    ).toMatchObject({ slotId: 's2' });
  });

  it('refuses a service not on the route list with FORBIDDEN, before the handler runs', async () => {
    await expect(clientAs('billing').holdSlot({ slotId: 'refused' })).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: 'The scheduling route hold-slot is not open to the billing service.',
    });
    expect(handled).not.toContain('refused');
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, before the handler runs', async () => {
    await expect(clientAs('appointment').holdSlot({ slotId: 'bad', minutes: 90 })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'minutes: must be 1 to 60',
    });
    // @ts-expect-error the input schema requires slotId
    await expect(clientAs('appointment').holdSlot({})).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'slotId: Required',
    });
    expect(handled).not.toContain('bad');
  });

  it('holds the handlers to the contract at compile time', () => {
    const served = serveContract(testContract, {
      // @ts-expect-error heldMinutes must be a number, as hold-slot's output declares
      holdSlot: async ({ slotId }) => ({ slotId, heldMinutes: 'fifteen', caller: 'appointment' }),
    });
    expect(Object.keys(served)).toEqual(['hold-slot']);
    // @ts-expect-error a contract's route without a handler (and at run time: refused when the service starts)
    expect(() => serveContract(testContract, {})).toThrow('The scheduling route hold-slot has no handler (holdSlot).');
  });

  it('refuses a contract that declares one path twice', () => {
    const again = route({ path: 'hold-slot', callers: ['appointment'], input: z.object({}), output: returns<null>() });
    expect(() => defineContract('scheduling', { one: again, two: again })).toThrow(
      'The scheduling contract declares the path hold-slot twice.',
    );
  });
});
