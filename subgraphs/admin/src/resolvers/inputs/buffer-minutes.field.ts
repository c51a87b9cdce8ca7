import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, Int } from 'type-graphql';

export const MAX_BUFFER_MINUTES = 240;

/** An optional buffer of a medical service (bufferBeforeMinutes, bufferAfterMinutes): 0 to 240 whole minutes. */
export function BufferMinutesField(name: string, description: string): PropertyDecorator {
  const range = `${name} must be 0 to ${MAX_BUFFER_MINUTES} minutes`;
  const decorators: PropertyDecorator[] = [
    Field(() => Int, { nullable: true, description }),
    IsOptional(),
    IsInt({ message: `${name} must be a whole number of minutes` }),
    Min(0, { message: range }),
    Max(MAX_BUFFER_MINUTES, { message: range }),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}
