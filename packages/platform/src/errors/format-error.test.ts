import { GraphQLError } from 'graphql';
import { createLogger } from '../logger';
import { createErrorFormatter, withoutSchemaHints } from './format-error';

const logger = createLogger('test', 'silent');

describe('error formatting', () => {
  it.each([
    [
      'Cannot query field "doctorz" on type "Query". Did you mean "doctor" or "doctors"?',
      'Cannot query field "doctorz" on type "Query".',
    ],
    [
      'Variable "$input" got invalid value { slotid: "1" }; Field "slotid" is not defined by type "BookAppointmentInput". Did you mean "slotId"?',
      'Variable "$input" got invalid value { slotid: "1" }; Field "slotid" is not defined by type "BookAppointmentInput".',
    ],
    [
      'Value "FEMALES" does not exist in "Gender" enum. Did you mean the enum value "FEMALE"?',
      'Value "FEMALES" does not exist in "Gender" enum.',
    ],
    [
      'Unknown argument "doctorid" on field "Query.doctor". Did you mean "doctorId"? Split the query.',
      'Unknown argument "doctorid" on field "Query.doctor". Split the query.',
    ],
  ])('drops the suggestion from %s', (message, expected) => {
    expect(withoutSchemaHints(message)).toBe(expected);
  });

  it('hides suggestions in every kind of error when told to, and keeps them otherwise', () => {
    const validation = {
      message: 'Cannot query field "doctorz" on type "Query". Did you mean "doctor"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    const coercion = {
      message: 'Field "slotid" is not defined by type "BookAppointmentInput". Did you mean "slotId"?',
      extensions: { code: 'BAD_USER_INPUT' },
    };
    const production = createErrorFormatter(logger, { hideSchemaHints: true });
    const development = createErrorFormatter(logger);
    for (const formatted of [validation, coercion]) {
      expect(production(formatted, new GraphQLError(formatted.message)).message).not.toMatch(/Did you mean/);
      expect(production(formatted, new GraphQLError(formatted.message)).extensions).toEqual(formatted.extensions);
      expect(development(formatted, new GraphQLError(formatted.message)).message).toMatch(/Did you mean/);
    }
  });
});
