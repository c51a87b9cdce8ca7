import { DecimalScalar } from '@carebook/platform';
import { Field, ObjectType } from 'type-graphql';
import { InvoiceLineKind } from '../../entities/billing-enums';
import { MedicalServiceRef } from '../../entities/federated-refs';

@ObjectType('InvoiceLine', { description: 'One billed item of an invoice.' })
export class InvoiceLineType {
  @Field(() => InvoiceLineKind)
  kind: InvoiceLineKind;

  @Field(() => String)
  description: string;

  @Field(() => DecimalScalar)
  amount: string;

  @Field(() => MedicalServiceRef, { description: 'The medical service of the appointment billed.' })
  service: MedicalServiceRef;
}
