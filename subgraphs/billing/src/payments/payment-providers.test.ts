import { Role } from '@carebook/platform';
import { stringMatching } from '@carebook/platform/testing';
import type { EntityManager } from '@mikro-orm/core';
import { payInvoice } from '../use-cases/payment';
import { PaymentMethod } from '../entities/billing-enums';
import { paymentProviderFor } from './payment-providers';

describe('payment providers', () => {
  it('takes cards with the development adapter and none with PAYMENT_PROVIDER=none', () => {
    expect(paymentProviderFor('development')).toMatchObject({ name: 'development', takesCards: true });
    expect(paymentProviderFor('none')).toMatchObject({ name: 'none', takesCards: false });
  });

  it('refuses a card payment without cards with BAD_USER_INPUT, before the invoice is even read', async () => {
    // Any use of the store would throw: the refusal comes first.
    const untouched = new Proxy(
      {},
      {
        get: () => {
          throw new Error('the store was used');
        },
      },
    ) as EntityManager;
    const deps = {
      provider: paymentProviderFor('none'),
      nudge: () => undefined,
    };
    const paying = payInvoice(untouched, deps, { id: 'p1', role: Role.PATIENT }, 'i1', {
      method: PaymentMethod.CARD,
      token: 'tok_visa',
    });
    await expect(paying).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: stringMatching(/takes no card payments online/),
    });
  });
});
