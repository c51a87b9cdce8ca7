import { InvoiceLineKind } from '../entities/billing-enums';
import { ClosedAppointment, draftInvoice } from './invoice-lines';

const closed = (outcome: ClosedAppointment['outcome'], lateCancellation = false): ClosedAppointment => ({
  appointmentId: 'a',
  patientId: 'p',
  doctorId: 'd',
  serviceId: 's',
  outcome,
  price: '40.00',
  currency: 'EUR',
  lateCancellation,
});
const fees = (noShow: string | null, lateCancel: string | null = null) => ({ noShow, lateCancel });

describe('what an invoice bills', () => {
  it('bills a completed visit at the price agreed at booking', () => {
    expect(draftInvoice(closed('COMPLETED'), fees('15.00'))).toEqual({
      amount: '40.00',
      currency: 'EUR',
      lines: [{ kind: InvoiceLineKind.VISIT, description: 'Visit', amount: '40.00', serviceId: 's' }],
    });
  });

  it('bills a no-show the fee when one is set, else nothing', () => {
    expect(draftInvoice(closed('NO_SHOW'), fees('15.00'))).toMatchObject({
      amount: '15.00',
      currency: 'EUR',
      lines: [{ kind: InvoiceLineKind.NO_SHOW_FEE, amount: '15.00' }],
    });
    expect(draftInvoice(closed('NO_SHOW'), fees(null))).toBeNull();
  });

  it('bills a late cancellation the late fee when one is set, a timely one nothing', () => {
    expect(draftInvoice(closed('CANCELLED', true), fees('15.00', '10.00'))).toEqual({
      amount: '10.00',
      currency: 'EUR',
      lines: [
        {
          kind: InvoiceLineKind.LATE_CANCEL_FEE,
          description: 'Late cancellation fee',
          amount: '10.00',
          serviceId: 's',
        },
      ],
    });
    expect(draftInvoice(closed('CANCELLED', true), fees('15.00', null))).toBeNull();
    expect(draftInvoice(closed('CANCELLED', false), fees('15.00', '10.00'))).toBeNull();
  });

  it('adds the late fee to the visit of an appointment the patient moved late', () => {
    expect(draftInvoice(closed('COMPLETED', true), fees(null, '10.00'))).toMatchObject({
      amount: '50.00',
      lines: [{ kind: InvoiceLineKind.VISIT }, { kind: InvoiceLineKind.LATE_CANCEL_FEE }],
    });
  });
});
