import { registerEnumType } from 'type-graphql';

export enum InvoiceStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  FAILED = 'FAILED',
  VOID = 'VOID',
}

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description:
    'PENDING until paid; FAILED after a declined payment (it can be paid again); PAID once; VOID when cancelled by the clinic.',
});

export enum PaymentMethod {
  CARD = 'CARD',
  CASH = 'CASH',
  INSURANCE = 'INSURANCE',
}

registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: 'CARD through the payment provider; CASH and INSURANCE are recorded by an admin.',
});

export enum PaymentStatus {
  SUCCEEDED = 'SUCCEEDED',
  DECLINED = 'DECLINED',
}

registerEnumType(PaymentStatus, { name: 'PaymentStatus', description: 'The outcome of one payment attempt.' });

export enum InvoiceLineKind {
  VISIT = 'VISIT',
  NO_SHOW_FEE = 'NO_SHOW_FEE',
  LATE_CANCEL_FEE = 'LATE_CANCEL_FEE',
}

registerEnumType(InvoiceLineKind, {
  name: 'InvoiceLineKind',
  description:
    'What a line bills: the visit itself, the fee for a missed appointment, or the fee for cancelling or moving it inside the cancellation window.',
});
