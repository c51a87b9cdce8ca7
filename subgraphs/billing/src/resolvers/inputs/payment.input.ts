import { Field, InputType } from 'type-graphql';
import { PaymentMethod } from '../../entities/billing-enums';

@InputType('PaymentInput', {
  description:
    'How an invoice is paid: CARD with the token from the payment form; CASH or INSURANCE recorded by an admin.',
})
export class PaymentInput {
  @Field(() => PaymentMethod)
  method: PaymentMethod;

  @Field(() => String, { nullable: true, description: "The payment provider's card token (CARD only)." })
  token?: string | null;
}
