import { InvoiceLineKind } from '../entities/billing-enums';
import { ClosedAppointment, draftInvoice } from './invoice-lines';

const closed = (outcome: ClosedAppointment['outcome']): ClosedAppointment => ({
  appointmentId: 'a',
  patientId: 'p',
  doctorId: 'd',
  serviceId: 's',
  outcome,
  price: '40.00',
  currency: 'EUR',
});

describe('what an invoice bills', () => {
  it('bills a completed visit at the price agreed at booking', () => {
    expect(draftInvoice(closed('COMPLETED'), '15.00')).toEqual({ amount: '40.00', currency: 'EUR', lines: [{ kind: InvoiceLineKind.VISIT, description: 'Visit', amount: '40.00', serviceId: 's' }] });
  });

  it('bills a no-show the fee when one is set, else nothing', () => {
    expect(draftInvoice(closed('NO_SHOW'), '15.00')).toMatchObject({ amount: '15.00', currency: 'EUR', lines: [{ kind: InvoiceLineKind.NO_SHOW_FEE, amount: '15.00' }] });
    expect(draftInvoice(closed('NO_SHOW'), null)).toBeNull();
  });
});
